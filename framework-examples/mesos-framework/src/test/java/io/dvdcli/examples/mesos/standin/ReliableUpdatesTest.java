package io.dvdcli.examples.mesos.standin;

import static io.dvdcli.examples.mesos.standin.BareScheduler.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in's status updates, driven call by call from a bare scheduler client. */
class ReliableUpdatesTest {
  @TempDir
  Path dir;

  private BareScheduler scheduler;
  private StandInMesos mesos;
  private MasterConnection master;

  @BeforeEach
  void start() throws IOException {
    scheduler = BareScheduler.start(new StandInSettings(0, new AgentResources(1, 256), Duration.ofSeconds(15), dir));
    mesos = scheduler.mesos;
    master = scheduler.master;
  }

  @AfterEach
  void stop() throws IOException {
    scheduler.close();
  }

  @Test
  void anUnacknowledgedUpdateIsHeldBackAndSentAgainAfterReSubscribing() throws IOException {
    FrameworkID frameworkId;
    TaskStatus starting;
    try (Subscription first = master.subscribe(subscribe(null))) {
      frameworkId = next(first, Event.Type.SUBSCRIBED).getSubscribed().getFrameworkId();
      Offer offer = next(first, Event.Type.OFFERS).getOffers().getOffers(0);
      master.send(accept(frameworkId, offer, "true"), first.streamId());
      starting = next(first, Event.Type.UPDATE).getUpdate().getStatus();
      assertEquals(TaskState.TASK_STARTING, starting.getState());
      assertEquals(16, starting.getUuid().size());
      mesos.dropSubscriptions(); // without acknowledging TASK_STARTING
    }

    try (Subscription second = master.subscribe(subscribe(frameworkId))) {
      assertEquals(frameworkId, next(second, Event.Type.SUBSCRIBED).getSubscribed().getFrameworkId());
      TaskStatus again = next(second, Event.Type.UPDATE).getUpdate().getStatus();
      assertEquals(starting, again, "the same update, same uuid");

      List<TaskState> states = new java.util.ArrayList<>();
      TaskStatus status = again;
      while (!states.contains(TaskState.TASK_FINISHED)) {
        master.send(acknowledge(frameworkId, status), second.streamId());
        status = next(second, Event.Type.UPDATE).getUpdate().getStatus();
        states.add(status.getState());
      }
      assertEquals(List.of(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED), states);
    }
  }

  @Test
  void reconciliationAnswersWithoutAUuidAndUnknownTasksAreLost() throws IOException {
    try (Subscription stream = master.subscribe(subscribe(null))) {
      FrameworkID frameworkId = next(stream, Event.Type.SUBSCRIBED).getSubscribed().getFrameworkId();
      master.send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.RECONCILE)
          .setReconcile(Call.Reconcile.newBuilder().addTasks(Call.Reconcile.Task.newBuilder()
              .setTaskId(TaskID.newBuilder().setValue("never-launched")))).build(), stream.streamId());
      TaskStatus status = next(stream, Event.Type.UPDATE).getUpdate().getStatus();
      assertEquals(TaskState.TASK_LOST, status.getState());
      assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, status.getReason());
      assertTrue(!status.hasUuid());
    }
  }

  @Test
  void aTornDownFrameworkThatSubscribesAgainGetsAnErrorEventAndAClosedStream() throws IOException {
    FrameworkID frameworkId;
    try (Subscription stream = master.subscribe(subscribe(null))) {
      frameworkId = next(stream, Event.Type.SUBSCRIBED).getSubscribed().getFrameworkId();
      master.send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.TEARDOWN).build(),
          stream.streamId());
    }
    try (Subscription again = master.subscribe(subscribe(frameworkId))) {
      Event error = again.next().orElseThrow();
      assertEquals(Event.Type.ERROR, error.getType());
      assertEquals("Framework has been removed", error.getError().getMessage());
      assertTrue(again.next().isEmpty());
    }
  }

  private static Call subscribe(FrameworkID id) {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("u").setName("bare client");
    if (id != null) {
      info.setId(id);
    }
    return BareScheduler.subscribe(info.build());
  }

  private static Call accept(FrameworkID frameworkId, Offer offer, String command) {
    TaskInfo task = TaskInfo.newBuilder()
        .setName("t")
        .setTaskId(TaskID.newBuilder().setValue("t-1"))
        .setAgentId(offer.getAgentId())
        .addAllResources(offer.getResourcesList())
        .setCommand(CommandInfo.newBuilder().setValue(command))
        .build();
    return BareScheduler.accept(frameworkId, offer, task);
  }

  private static Call acknowledge(FrameworkID frameworkId, TaskStatus status) {
    return Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACKNOWLEDGE)
        .setAcknowledge(Call.Acknowledge.newBuilder()
            .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid()))
        .build();
  }
}
