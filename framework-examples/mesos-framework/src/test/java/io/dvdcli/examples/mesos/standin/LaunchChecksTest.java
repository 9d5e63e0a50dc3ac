package io.dvdcli.examples.mesos.standin;

import static io.dvdcli.examples.mesos.standin.BareScheduler.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.mesos.scheduler.MasterConnection;
import io.dvdcli.examples.mesos.scheduler.Subscription;
import io.dvdcli.testsupport.mesos.AgentResources;
import io.dvdcli.testsupport.mesos.StandInMesos;
import io.dvdcli.testsupport.mesos.StandInSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Volume;
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
 * What the master checks in a LAUNCH (src/master/validation.cpp:1619-1796 in 1.11.0) and how the
 * agent resends an update nobody acknowledges, driven from a bare scheduler client.
 */
class LaunchChecksTest {
  @TempDir
  Path dir;

  private BareScheduler scheduler;
  private StandInMesos mesos;
  private MasterConnection master;

  @BeforeEach
  void start() throws IOException {
    scheduler = BareScheduler.start(new StandInSettings(0, new AgentResources(1, 256), Duration.ofSeconds(15), dir)
        .withUpdateRetry(Duration.ofMillis(20), Duration.ofMillis(80)));
    mesos = scheduler.mesos;
    master = scheduler.master;
  }

  @AfterEach
  void stop() throws IOException {
    scheduler.close();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("validationCpp1762 resources of another role",
            (UnaryOperator<TaskInfo.Builder>) task -> withResources(task, resource -> resource.toBuilder()
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("other")).build()),
            "Total resources cpus(allocated: other):0.5; mem(allocated: other):32 required by task and its executor "
                + "is more than available cpus(allocated: *):1; mem(allocated: *):256"),
        Arguments.of("validationCpp1443 no resources",
            (UnaryOperator<TaskInfo.Builder>) TaskInfo.Builder::clearResources,
            "Task uses no resources"),
        Arguments.of("commonValidationCpp66 slash in the task ID",
            (UnaryOperator<TaskInfo.Builder>) task -> task.setTaskId(TaskID.newBuilder().setValue("a/b")),
            "'a/b' contains invalid characters"),
        Arguments.of("commonValidationCpp226 volume with two sources",
            (UnaryOperator<TaskInfo.Builder>) task -> task.setContainer(ContainerInfo.newBuilder()
                .setType(ContainerInfo.Type.MESOS)
                .addVolumes(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW).setHostPath("/tmp")
                    .setSource(Volume.Source.newBuilder().setType(Volume.Source.Type.DOCKER_VOLUME)
                        .setDockerVolume(Volume.Source.DockerVolume.newBuilder().setDriver("local").setName("v"))))),
            "Task's `ContainerInfo` is invalid: Invalid volume: Only one of them should be set: 'host_path', "
                + "'image' and 'source'"),
        Arguments.of("commonValidationCpp235 DOCKER_VOLUME without docker_volume",
            (UnaryOperator<TaskInfo.Builder>) task -> task.setContainer(ContainerInfo.newBuilder()
                .setType(ContainerInfo.Type.MESOS)
                .addVolumes(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW)
                    .setSource(Volume.Source.newBuilder().setType(Volume.Source.Type.DOCKER_VOLUME)))),
            "Task's `ContainerInfo` is invalid: Invalid volume: 'source.docker_volume' is not set for "
                + "DOCKER_VOLUME volume"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void anInvalidTaskEndsInTaskErrorWithTheMastersMessage_masterCpp4916(String source,
      UnaryOperator<TaskInfo.Builder> change, String message) throws IOException {
    try (Subscription stream = master.subscribe(subscribe())) {
      FrameworkID frameworkId = next(stream, Event.Type.SUBSCRIBED).getSubscribed().getFrameworkId();
      Offer offer = next(stream, Event.Type.OFFERS).getOffers().getOffers(0);
      master.send(accept(frameworkId, offer, change.apply(task(offer))), stream.streamId());

      TaskStatus status = next(stream, Event.Type.UPDATE).getUpdate().getStatus();
      assertEquals(TaskState.TASK_ERROR, status.getState(), status.toString());
      assertEquals(TaskStatus.Reason.REASON_TASK_INVALID, status.getReason());
      assertEquals(TaskStatus.Source.SOURCE_MASTER, status.getSource());
      assertEquals(message, status.getMessage());
      assertFalse(status.hasUuid(), "the master's own updates are not acknowledged");
    }
  }

  @Test
  void resourcesWithoutAllocationInfoGetTheOffersAndAreLaunched_masterCpp4264() throws IOException {
    try (Subscription stream = master.subscribe(subscribe())) {
      FrameworkID frameworkId = next(stream, Event.Type.SUBSCRIBED).getSubscribed().getFrameworkId();
      Offer offer = next(stream, Event.Type.OFFERS).getOffers().getOffers(0);
      TaskInfo.Builder task = withResources(task(offer), resource -> resource.toBuilder().clearAllocationInfo().build());
      master.send(accept(frameworkId, offer, task), stream.streamId());

      assertEquals(TaskState.TASK_STARTING, next(stream, Event.Type.UPDATE).getUpdate().getStatus().getState());
    }
  }

  /**
   * The agent's status update manager resends an unacknowledged update on a timer, doubling the
   * interval up to a maximum (src/status_update_manager/status_update_manager_process.hpp:547-568),
   * whether or not the framework re-subscribes. Intervals here are 20 ms doubling to 80 ms, not
   * Mesos's 10 s to 10 min.
   */
  @Test
  void anUnacknowledgedUpdateIsResentOnTheSameStreamUntilAcknowledged_statusUpdateManager547() throws IOException {
    try (Subscription stream = master.subscribe(subscribe())) {
      stream.silenceLimit(Duration.ofSeconds(10)); // bounds the wait should no resend come
      FrameworkID frameworkId = next(stream, Event.Type.SUBSCRIBED).getSubscribed().getFrameworkId();
      Offer offer = next(stream, Event.Type.OFFERS).getOffers().getOffers(0);
      master.send(accept(frameworkId, offer, task(offer).setCommand(CommandInfo.newBuilder().setValue("true"))),
          stream.streamId());

      TaskStatus starting = next(stream, Event.Type.UPDATE).getUpdate().getStatus();
      assertEquals(TaskState.TASK_STARTING, starting.getState());
      for (int resend = 0; resend < 3; resend++) {
        assertEquals(starting, next(stream, Event.Type.UPDATE).getUpdate().getStatus(), "resend " + resend);
      }
      master.send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACKNOWLEDGE)
          .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(starting.getAgentId())
              .setTaskId(starting.getTaskId()).setUuid(starting.getUuid())).build(), stream.streamId());
      TaskStatus after = next(stream, Event.Type.UPDATE).getUpdate().getStatus();
      while (after.getUuid().equals(starting.getUuid())) {
        after = next(stream, Event.Type.UPDATE).getUpdate().getStatus(); // a resend already on its way
      }
      assertEquals(TaskState.TASK_RUNNING, after.getState());
      assertTrue(mesos.calls().stream().filter(c -> c.getType() == Call.Type.SUBSCRIBE).count() == 1);
    }
  }

  private static TaskInfo.Builder withResources(TaskInfo.Builder task, UnaryOperator<Resource> change) {
    List<Resource> changed = task.getResourcesList().stream().map(change).toList();
    return task.clearResources().addAllResources(changed);
  }

  private static TaskInfo.Builder task(Offer offer) {
    List<Resource> half = offer.getResourcesList().stream()
        .map(r -> r.toBuilder().setScalar(r.getScalar().toBuilder()
            .setValue(r.getName().equals("cpus") ? 0.5 : 32)).build())
        .toList();
    return TaskInfo.newBuilder()
        .setName("t")
        .setTaskId(TaskID.newBuilder().setValue("t-1"))
        .setAgentId(offer.getAgentId())
        .addAllResources(half)
        .setCommand(CommandInfo.newBuilder().setValue("sleep 30"));
  }

  private static Call subscribe() {
    return BareScheduler.subscribe(FrameworkInfo.newBuilder().setUser("u").setName("bare client").build());
  }

  private static Call accept(FrameworkID frameworkId, Offer offer, TaskInfo.Builder task) {
    return BareScheduler.accept(frameworkId, offer, task.build());
  }
}
