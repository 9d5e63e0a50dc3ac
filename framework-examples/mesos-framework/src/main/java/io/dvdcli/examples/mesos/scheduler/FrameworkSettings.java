package io.dvdcli.examples.mesos.scheduler;

import java.time.Duration;
import java.util.Objects;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * Who the framework is and how patient it is.
 *
 * @param failoverTimeout how long the master keeps our task after the stream breaks; the framework
 *     also stops trying to re-subscribe after this long, since by then the task is gone
 * @param refuseOffers how long the master should hold back an offer we decline
 */
public record FrameworkSettings(
    String name, String user, String role, Duration failoverTimeout, Duration refuseOffers, ResubscribeBackoff backoff) {
  /**
   * The master refuses a failover_timeout that a stout Duration (int64 nanoseconds) cannot hold:
   * src/master/master.cpp:2615-2619 and 12322-12325, 3rdparty/stout/include/stout/duration.hpp:418-426.
   */
  public static final Duration MAX_FAILOVER_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE).withNanos(0);

  public FrameworkSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(failoverTimeout, "failoverTimeout");
    Objects.requireNonNull(refuseOffers, "refuseOffers");
    Objects.requireNonNull(backoff, "backoff");
    if (name.isBlank() || user.isBlank() || role.isBlank()) {
      throw new IllegalArgumentException("framework name, user and role must not be empty");
    }
    if (failoverTimeout.isNegative() || refuseOffers.isNegative()) {
      throw new IllegalArgumentException("framework timeouts must not be negative");
    }
    if (failoverTimeout.compareTo(MAX_FAILOVER_TIMEOUT) > 0) {
      throw new IllegalArgumentException("failover timeout must be at most " + MAX_FAILOVER_TIMEOUT.toSeconds()
          + " s, the longest the master accepts");
    }
  }

  FrameworkInfo frameworkInfo(FrameworkID id) {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
        .setName(name)
        .setUser(user)
        .addRoles(role)
        // MULTI_ROLE is what makes the master read `roles` instead of the deprecated `role`.
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .setFailoverTimeout(failoverTimeout.toMillis() / 1000.0);
    if (id != null) {
      info.setId(id);
    }
    return info.build();
  }
}
