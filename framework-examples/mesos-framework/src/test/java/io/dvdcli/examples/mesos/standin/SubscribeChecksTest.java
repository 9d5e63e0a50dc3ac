package io.dvdcli.examples.mesos.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.mesos.scheduler.MasterConnection;
import io.dvdcli.examples.mesos.scheduler.Subscription;
import io.dvdcli.testsupport.mesos.AgentResources;
import io.dvdcli.testsupport.mesos.StandInSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The master's FrameworkInfo checks on SUBSCRIBE (Master::validateFramework,
 * src/master/master.cpp:2555-2621 in 1.11.0): a refusal is a 200 stream with one ERROR event,
 * then the end of the stream (master.cpp:2694-2703).
 */
class SubscribeChecksTest {
  @TempDir
  Path dir;

  private BareScheduler scheduler;
  private MasterConnection master;

  @BeforeEach
  void start() throws IOException {
    scheduler = BareScheduler.start(new StandInSettings(0, new AgentResources(1, 256), Duration.ofSeconds(15), dir)
        .withRoles(Set.of("prod", "team/a")));
    master = scheduler.master;
  }

  @AfterEach
  void stop() throws IOException {
    scheduler.close();
  }

  static Stream<Arguments> refusals() {
    UnaryOperator<FrameworkInfo.Builder> multiRole = info -> info.addCapabilities(
        FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE));
    return Stream.of(
        Arguments.of("masterCpp2586 role not in --roles",
            (UnaryOperator<FrameworkInfo.Builder>) info -> multiRole.apply(info).addRoles("dev").addRoles("qa"),
            "Roles { dev, qa } are not present in the master's --roles"),
        Arguments.of("masterCpp2578 non-MULTI_ROLE role not in --roles",
            (UnaryOperator<FrameworkInfo.Builder>) info -> info.setRole("dev"),
            "Roles { dev } are not present in the master's --roles"),
        Arguments.of("rolesCpp101 adjacent slashes",
            (UnaryOperator<FrameworkInfo.Builder>) info -> multiRole.apply(info).addRoles("team//a"),
            "'FrameworkInfo.roles' contains invalid role: Role 'team//a' cannot contain two adjacent slashes"),
        Arguments.of("rolesCpp129 leading dash",
            (UnaryOperator<FrameworkInfo.Builder>) info -> multiRole.apply(info).addRoles("-prod"),
            "'FrameworkInfo.roles' contains invalid role: Role component '-prod' is invalid because it starts "
                + "with a dash"),
        Arguments.of("rolesCpp117 dot component",
            (UnaryOperator<FrameworkInfo.Builder>) info -> info.setRole("team/."),
            "'FrameworkInfo.role' is not a valid role: Role 'team/.' cannot include '.' as a component"),
        Arguments.of("validationCpp478 role with MULTI_ROLE",
            (UnaryOperator<FrameworkInfo.Builder>) info -> multiRole.apply(info).setRole("prod"),
            "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable"),
        Arguments.of("validationCpp510 duplicate roles",
            (UnaryOperator<FrameworkInfo.Builder>) info -> multiRole.apply(info).addRoles("prod").addRoles("prod"),
            "'FrameworkInfo.roles' contains duplicate items: { prod }"),
        Arguments.of("masterCpp2615 failover timeout beyond a Duration",
            (UnaryOperator<FrameworkInfo.Builder>) info -> info.setFailoverTimeout(1e10),
            "The framework failover_timeout (1e+10) is invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aRefusedSubscriptionIsOneErrorEventThenTheEndOfTheStream(String source,
      UnaryOperator<FrameworkInfo.Builder> change, String message) throws IOException {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("u").setName("n");
    try (Subscription stream = master.subscribe(subscribe(change.apply(info).build()))) {
      Event error = stream.next().orElseThrow();
      assertEquals(Event.Type.ERROR, error.getType());
      assertEquals(message, error.getError().getMessage());
      assertTrue(stream.next().isEmpty(), "the stream ends after the ERROR");
    }
  }

  @Test
  void aWhitelistedRoleIsSubscribed() throws IOException {
    FrameworkInfo info = FrameworkInfo.newBuilder().setUser("u").setName("n").addRoles("team/a")
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .build();
    try (Subscription stream = master.subscribe(subscribe(info))) {
      assertEquals(Event.Type.SUBSCRIBED, stream.next().orElseThrow().getType());
    }
  }

  /** validation::framework::validateUpdate (src/master/validation.cpp:592-640), run on re-subscribe. */
  @Test
  void reSubscribingWithAnotherUserOrPrincipalIsRefused_validationCpp592() throws IOException {
    FrameworkInfo first = FrameworkInfo.newBuilder().setUser("alice").setName("n").setPrincipal("p").build();
    FrameworkID id;
    try (Subscription stream = master.subscribe(subscribe(first))) {
      id = stream.next().orElseThrow().getSubscribed().getFrameworkId();
    }
    assertEquals("Updating 'FrameworkInfo.user' is unsupported; attempted to update from 'alice' to 'bob'",
        refusal(first.toBuilder().setId(id).setUser("bob").build()));
    assertEquals("Changing framework's principal is not allowed.",
        refusal(first.toBuilder().setId(id).setPrincipal("q").build()));
  }

  private String refusal(FrameworkInfo info) throws IOException {
    try (Subscription stream = master.subscribe(subscribe(info))) {
      Event error = stream.next().orElseThrow();
      assertEquals(Event.Type.ERROR, error.getType(), error.toString());
      return error.getError().getMessage();
    }
  }

  private static Call subscribe(FrameworkInfo info) {
    return BareScheduler.subscribe(info);
  }
}
