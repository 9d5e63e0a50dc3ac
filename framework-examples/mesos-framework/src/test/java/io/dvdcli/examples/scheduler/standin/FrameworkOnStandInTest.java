package io.dvdcli.examples.scheduler.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.scheduler.scheduler.Backoff;
import io.dvdcli.examples.scheduler.scheduler.FrameworkSettings;
import io.dvdcli.examples.scheduler.scheduler.MasterConnection;
import io.dvdcli.examples.scheduler.scheduler.MesosFramework;
import io.dvdcli.examples.scheduler.scheduler.TaskOutcome;
import io.dvdcli.examples.scheduler.task.TaskSpec;
import io.dvdcli.examples.scheduler.task.VolumeMode;
import io.dvdcli.examples.scheduler.task.VolumeSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework against the stand-in, with a directory-backed isolator. */
class FrameworkOnStandInTest {
  private static final VolumeSpec VOLUME = new VolumeSpec("local", "v1", Map.of(), "data", VolumeMode.RW);

  @TempDir
  Path dir;

  private DirectoryVolumes volumes;
  private StandInMesos mesos;
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    volumes = new DirectoryVolumes(dir.resolve("volumes"));
    mesos = StandInMesos.start(
        new StandInSettings(0, new AgentResources(1, 512), Duration.ofSeconds(15), dir.resolve("work")), volumes);
  }

  @AfterEach
  void stop() throws Exception {
    runner.shutdownNow();
    mesos.close();
  }

  @Test
  void aTaskWritesIntoItsVolumeFinishesAndLeavesNothingMounted() throws Exception {
    MesosFramework framework = framework(task("echo hello > data/hello.txt", 0.5));
    TaskOutcome outcome = outcome(runner.submit(framework::run));

    assertEquals(TaskState.TASK_FINISHED, outcome.state(), log());
    assertEquals(0, outcome.exitCode());
    assertEquals("hello\n", Files.readString(volumes.path(VOLUME).resolve("hello.txt")));
    assertTrue(volumes.mountedContainers().isEmpty());
    assertEquals(1, volumes.cleanedUpContainers().size());
    assertEquals(List.of(Call.Type.SUBSCRIBE, Call.Type.ACCEPT, Call.Type.ACKNOWLEDGE, Call.Type.ACKNOWLEDGE,
        Call.Type.ACKNOWLEDGE, Call.Type.TEARDOWN), types(mesos.calls()));
    assertTrue(log().contains(": TASK_RUNNING"), log());
  }

  @Test
  void theLaunchedTaskCarriesItsVolumeAsADockerVolumeInAMesosContainer() throws Exception {
    MesosFramework framework = framework(task("true", 0.5));
    outcome(runner.submit(framework::run));

    var task = mesos.calls().stream().filter(call -> call.getType() == Call.Type.ACCEPT).findFirst().orElseThrow()
        .getAccept().getOperations(0).getLaunch().getTaskInfos(0);
    assertEquals(org.apache.mesos.v1.Protos.ContainerInfo.Type.MESOS, task.getContainer().getType());
    var volume = task.getContainer().getVolumes(0);
    assertEquals("data", volume.getContainerPath());
    assertEquals(org.apache.mesos.v1.Protos.Volume.Source.Type.DOCKER_VOLUME, volume.getSource().getType());
    assertEquals("local", volume.getSource().getDockerVolume().getDriver());
    assertEquals("v1", volume.getSource().getDockerVolume().getName());
  }

  @Test
  void aFailingCommandEndsTheTaskFailedAndTheFrameworkWithExitCodeOne() throws Exception {
    TaskOutcome outcome = outcome(runner.submit(framework(task("exit 3", 0.5))::run));

    assertEquals(TaskState.TASK_FAILED, outcome.state(), log());
    assertEquals("Command exited with status 3", outcome.message());
    assertEquals(1, outcome.exitCode());
    assertTrue(volumes.mountedContainers().isEmpty());
  }

  @Test
  void anOfferTooSmallForTheTaskIsDeclinedAndNotAccepted() throws Exception {
    MesosFramework framework = framework(task("true", 4));
    Future<TaskOutcome> run = runner.submit(framework::run);

    awaitCalls(calls -> types(calls).contains(Call.Type.DECLINE));
    framework.stop();

    assertEquals(TaskState.TASK_KILLED, outcome(run).state());
    assertFalse(types(mesos.calls()).contains(Call.Type.ACCEPT));
    assertTrue(log().contains("the task needs cpus 4, mem 32"), log());
  }

  @Test
  void theFrameworkResubscribesWithItsIdAfterTheStreamDropsAndReconcilesItsTask() throws Exception {
    Path go = dir.resolve("go");
    MesosFramework framework = framework(task("while [ ! -e '" + go + "' ]; do sleep 0.05; done", 0.5));
    Future<TaskOutcome> run = runner.submit(framework::run);
    // STARTING and RUNNING acknowledged: the task is running and nothing is in flight.
    awaitCalls(calls -> count(calls, Call.Type.ACKNOWLEDGE) == 2);

    mesos.dropSubscriptions();
    awaitCalls(calls -> count(calls, Call.Type.RECONCILE) == 1);
    Files.createFile(go);

    assertEquals(TaskState.TASK_FINISHED, outcome(run).state(), log());
    List<Call> subscribes = mesos.calls().stream().filter(call -> call.getType() == Call.Type.SUBSCRIBE).toList();
    assertEquals(2, subscribes.size());
    assertFalse(subscribes.get(0).hasFrameworkId());
    String frameworkId = mesos.calls().get(1).getFrameworkId().getValue();
    assertEquals(frameworkId, subscribes.get(1).getFrameworkId().getValue());
    assertEquals(frameworkId, subscribes.get(1).getSubscribe().getFrameworkInfo().getId().getValue());
    assertEquals(framework.taskId(), mesos.calls().stream().filter(call -> call.getType() == Call.Type.RECONCILE)
        .findFirst().orElseThrow().getReconcile().getTasks(0).getTaskId());
  }

  @Test
  void aTaskWithAnAbsoluteContainerPathFailsOnTheStandInAgent() throws Exception {
    TaskSpec spec = new TaskSpec("abs", "true", 0.5, 32,
        List.of(new VolumeSpec("local", "v1", Map.of(), "/data", VolumeMode.RW)));
    TaskOutcome outcome = outcome(runner.submit(framework(spec)::run));

    assertEquals(TaskState.TASK_FAILED, outcome.state());
    assertEquals("Failed to launch container: the stand-in agent places volumes only at sandbox-relative "
        + "container paths, not '/data'", outcome.message());
  }

  private MesosFramework framework(TaskSpec task) {
    FrameworkSettings settings = new FrameworkSettings("test-framework", System.getProperty("user.name"), "*",
        Duration.ofSeconds(30), Duration.ofSeconds(5), new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    return new MesosFramework(new MasterConnection(mesos.uri()), settings, task,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  private static TaskSpec task(String command, double cpus) {
    return new TaskSpec("writer", command, cpus, 32, List.of(VOLUME));
  }

  private static TaskOutcome outcome(Future<TaskOutcome> run) throws Exception {
    return run.get(60, TimeUnit.SECONDS);
  }

  private void awaitCalls(Predicate<List<Call>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.test(mesos.calls())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stand-in never saw the expected calls: " + types(mesos.calls()) + "\n" + log());
      }
      Thread.sleep(20);
    }
  }

  private static List<Call.Type> types(List<Call> calls) {
    return calls.stream().map(Call::getType).toList();
  }

  private static long count(List<Call> calls, Call.Type type) {
    return calls.stream().filter(call -> call.getType() == type).count();
  }

  private String log() {
    return log.toString(StandardCharsets.UTF_8);
  }
}
