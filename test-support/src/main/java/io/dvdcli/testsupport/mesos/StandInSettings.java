package io.dvdcli.testsupport.mesos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to start the test double.
 *
 * @param port loopback port to listen on; 0 picks a free one
 * @param workDir where task sandboxes go
 * @param roles the master's {@code --roles} whitelist; empty = every valid role is allowed
 * @param updateRetry first wait before an unacknowledged status update is sent again; it doubles
 *     per resend up to {@code updateRetryMax} (Mesos: 10 s and 10 min, src/slave/constants.hpp:58-59)
 */
public record StandInSettings(int port, AgentResources resources, Duration heartbeat, Path workDir,
    Optional<Set<String>> roles, Duration updateRetry, Duration updateRetryMax) {

  public static final Duration UPDATE_RETRY = Duration.ofSeconds(10);
  public static final Duration UPDATE_RETRY_MAX = Duration.ofMinutes(10);

  public StandInSettings {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(updateRetry, "updateRetry");
    Objects.requireNonNull(updateRetryMax, "updateRetryMax");
    roles = roles == null ? Optional.empty() : roles.map(Set::copyOf);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (heartbeat.toMillis() < 1) {
      throw new IllegalArgumentException("heartbeat interval must be positive");
    }
    if (updateRetry.toMillis() < 1 || updateRetryMax.compareTo(updateRetry) < 0) {
      throw new IllegalArgumentException("update retry needs 0 < first <= max, got " + updateRetry + " and "
          + updateRetryMax);
    }
    roles.ifPresent(whitelist -> whitelist.forEach(role -> FrameworkChecks.roleSyntaxError(role).ifPresent(error -> {
      throw new IllegalArgumentException("invalid --roles: " + error);
    })));
  }

  /** No role whitelist, Mesos's update retry intervals. */
  public StandInSettings(int port, AgentResources resources, Duration heartbeat, Path workDir) {
    this(port, resources, heartbeat, workDir, Optional.empty(), UPDATE_RETRY, UPDATE_RETRY_MAX);
  }

  /** As a master started with {@code --roles=...}. */
  public StandInSettings withRoles(Set<String> whitelist) {
    return new StandInSettings(port, resources, heartbeat, workDir, Optional.of(whitelist), updateRetry, updateRetryMax);
  }

  /** Shorter update retry intervals, for tests. */
  public StandInSettings withUpdateRetry(Duration first, Duration max) {
    return new StandInSettings(port, resources, heartbeat, workDir, roles, first, max);
  }
}
