package io.dvdcli.examples.mesos.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dvdcli.examples.mesos.scheduler.FrameworkSettings;
import io.dvdcli.examples.mesos.scheduler.MasterConnection;
import io.dvdcli.examples.mesos.scheduler.MesosFramework;
import io.dvdcli.examples.mesos.scheduler.ResubscribeBackoff;
import io.dvdcli.examples.mesos.scheduler.TaskOutcome;
import io.dvdcli.examples.mesos.task.MesosVolumes;
import io.dvdcli.examples.mesos.task.TaskSpec;
import io.dvdcli.examples.mesos.task.TaskVolume;
import io.dvdcli.examples.mesos.task.VolumeMode;
import io.dvdcli.testsupport.mesos.AgentResources;
import io.dvdcli.testsupport.mesos.AgentVolume;
import io.dvdcli.testsupport.mesos.DirectoryVolumes;
import io.dvdcli.testsupport.mesos.StandInMesos;
import io.dvdcli.testsupport.mesos.StandInSettings;
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
  private static final TaskVolume VOLUME = new TaskVolume("local", "v1", Map.of(), "data", VolumeMode.RW);

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
    assertEquals("hello\n", Files.readString(volumes.path(VOLUME.driver(), VOLUME.name()).resolve("hello.txt")));
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

  /** Without a rootfs the isolator needs an absolute container path to exist (isolator.cpp:432-436). */
  @Test
  void anAbsoluteContainerPathThatDoesNotExistFailsTheTaskAsTheIsolatorDoes_isolatorCpp432() throws Exception {
    String missing = dir.resolve("no-such-dir").toString();
    TaskSpec spec = new TaskSpec("abs", "true", 0.5, 32,
        List.of(new TaskVolume("local", "v1", Map.of(), missing, VolumeMode.RW)));
    TaskOutcome outcome = outcome(runner.submit(framework(spec)::run));

    assertEquals(TaskState.TASK_FAILED, outcome.state());
    assertEquals("Failed to launch container: Absolute container path '" + missing + "' does not exist",
        outcome.message());
    assertTrue(volumes.prepared().isEmpty(), "refused before any mount");
  }

  /**
   * An existing absolute container path gets the volume (isolator.cpp:423-446), bind-mounted in
   * the task's own mount namespace: the task sees it there, the host does not.
   */
  @Test
  void anAbsoluteContainerPathThatExistsGetsTheVolumeBindMounted_isolatorCpp423() throws Exception {
    assumeTrue(isRoot(), "bind mounts need root (CI runs as root)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
    Path target = Files.createDirectories(dir.resolve("mnt/data"));
    TaskSpec spec = new TaskSpec("abs", "echo bound > " + target + "/hello.txt", 0.5, 32,
        List.of(new TaskVolume("local", "v1", Map.of(), target.toString(), VolumeMode.RW)));
    TaskOutcome outcome = outcome(runner.submit(framework(spec)::run));

    assertEquals(TaskState.TASK_FINISHED, outcome.state(), log());
    assertEquals("bound\n", Files.readString(volumes.path(VOLUME.driver(), VOLUME.name()).resolve("hello.txt")));
    assertFalse(Files.exists(target.resolve("hello.txt")), "the bind mount stayed in the task's namespace");
  }

  /**
   * The agent reads driver options into a hash map (isolator.cpp:406-412): a repeated key keeps its
   * last value, and no order is promised to dvdcli.
   */
  @Test
  void driverOptionsReachTheIsolatorAsAHashMapWithTheLastValueOfARepeatedKey_isolatorCpp411() throws Exception {
    org.apache.mesos.v1.Protos.Volume volume = MesosVolumes.toMesos(VOLUME).toBuilder()
        .setSource(MesosVolumes.toMesos(VOLUME).getSource().toBuilder().setDockerVolume(
            MesosVolumes.toMesos(VOLUME).getSource().getDockerVolume().toBuilder().setDriverOptions(
                org.apache.mesos.v1.Protos.Parameters.newBuilder()
                    .addParameter(parameter("size", "1"))
                    .addParameter(parameter("iops", "5"))
                    .addParameter(parameter("size", "2")))))
        .build();
    AgentVolume read = AgentVolume.fromMesos(volume);
    assertEquals(Map.of("size", "2", "iops", "5"), read.options());
    TaskVolume asked = new TaskVolume(read.driver(), read.name(), read.options(), read.containerPath(), VolumeMode.RW);

    TaskOutcome outcome = outcome(runner.submit(framework(new TaskSpec("opts", "true", 0.5, 32,
        List.of(asked)))::run));

    assertEquals(TaskState.TASK_FINISHED, outcome.state(), log());
    assertEquals(Map.of("size", "2", "iops", "5"), volumes.prepared().get(0).options());
  }

  private static org.apache.mesos.v1.Protos.Parameter parameter(String key, String value) {
    return org.apache.mesos.v1.Protos.Parameter.newBuilder().setKey(key).setValue(value).build();
  }

  private static boolean isRoot() throws java.io.IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }

  private MesosFramework framework(TaskSpec task) {
    FrameworkSettings settings = new FrameworkSettings("test-framework", System.getProperty("user.name"), "*",
        Duration.ofSeconds(30), Duration.ofSeconds(5), new ResubscribeBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
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
