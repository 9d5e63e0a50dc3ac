package io.dvdcli.examples.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.mesos.scheduler.FrameworkSettings;
import io.dvdcli.examples.mesos.scheduler.MasterConnection;
import io.dvdcli.examples.mesos.scheduler.MesosFramework;
import io.dvdcli.examples.mesos.scheduler.ResubscribeBackoff;
import io.dvdcli.examples.mesos.scheduler.TaskOutcome;
import io.dvdcli.examples.mesos.standin.IsolatorVolumes;
import io.dvdcli.examples.mesos.task.TaskSpec;
import io.dvdcli.examples.mesos.task.TaskVolume;
import io.dvdcli.examples.mesos.task.VolumeMode;
import io.dvdcli.localplugin.LocalVolumePlugin;
import io.dvdcli.shim.IsolatorConfig;
import io.dvdcli.shim.VolumeIsolator;
import io.dvdcli.testsupport.mesos.AgentResources;
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
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's acceptance test: the example framework → the stand-in master's v1 API → its agent
 * → isolator-shim → the real dvdcli launcher → the reference plugin on a real UNIX socket.
 */
class EndToEndTest {
  @TempDir
  Path dir;

  private LocalVolumePlugin plugin;
  private StandInMesos mesos;
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    Path sockets = Files.createDirectories(dir.resolve("plugins"));
    plugin = LocalVolumePlugin.start(sockets.resolve("local.sock"), dir.resolve("plugin-state"));
    IsolatorConfig config = IsolatorConfig.builder()
        .checkpointDir(dir.resolve("checkpoints"))
        .dvdcli(Path.of(System.getProperty("dvdcli.root"), "scripts", "dvdcli"))
        .dvdcliEnvironment(Map.of(
            "DVDCLI_CLASSPATH", System.getProperty("java.class.path"),
            "DVDCLI_SOCKETS_DIR", sockets.toString(),
            "DVDCLI_SPECS_DIRS", Files.createDirectories(dir.resolve("specs")).toString(),
            "DVDCLI_RETRY_TIMEOUT", "0",
            "DVDCLI_STATE_DIR", dir.resolve("dvdcli-state").toString()))
        .build();
    mesos = StandInMesos.start(
        new StandInSettings(0, new AgentResources(1, 256), Duration.ofSeconds(15), dir.resolve("agent")),
        new IsolatorVolumes(new VolumeIsolator(config)));
  }

  @AfterEach
  void stop() throws Exception {
    runner.shutdownNow();
    mesos.close();
    plugin.close();
  }

  @Test
  void aTaskWritesIntoAnExternalVolumeThatKeepsTheFileAndIsUnmountedAfterwards() throws Exception {
    TaskOutcome outcome = run(new TaskSpec("writer", "echo written-by-the-task > data/hello.txt", 0.1, 32,
        List.of(new TaskVolume("local", "e2e-vol", Map.of("size", "1"), "data", VolumeMode.RW))));

    assertEquals(TaskState.TASK_FINISHED, outcome.state(), log());
    assertEquals(0, outcome.exitCode());
    assertEquals("written-by-the-task\n", Files.readString(plugin.mountpoint("e2e-vol").resolve("hello.txt")));
    assertTrue(plugin.volumes().contains("e2e-vol"));
    assertEquals(java.util.Set.of(), plugin.mountIds("e2e-vol"), "the volume is still mounted");
    List<String> methods = plugin.calls().stream().map(call -> call.method()).toList();
    assertTrue(methods.contains("VolumeDriver.Mount") && methods.contains("VolumeDriver.Unmount"), methods.toString());
  }

  @Test
  void aVolumeThatCannotBeMountedFailsTheTaskWithDvdclisError() throws Exception {
    TaskOutcome outcome = run(new TaskSpec("writer", "echo never > data/hello.txt", 0.1, 32,
        List.of(new TaskVolume("nosuchdriver", "e2e-vol", Map.of(), "data", VolumeMode.RW))));

    assertEquals(TaskState.TASK_FAILED, outcome.state(), log());
    assertEquals(1, outcome.exitCode());
    assertTrue(outcome.message().startsWith("Failed to launch container: "), outcome.message());
    // The isolator's message ends in dvdcli's own error line.
    assertTrue(outcome.message().contains(
        "dvdcli: Failed to mount volume 'e2e-vol' with driver 'nosuchdriver': no plugin named 'nosuchdriver'"),
        outcome.message());
    assertTrue(log().contains("TASK_FAILED (REASON_CONTAINER_LAUNCH_FAILED)"), log());
    assertTrue(plugin.volumes().isEmpty());
  }

  private TaskOutcome run(TaskSpec task) throws Exception {
    FrameworkSettings settings = new FrameworkSettings("e2e", System.getProperty("user.name"), "*",
        Duration.ofSeconds(30), Duration.ofSeconds(5), new ResubscribeBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    MesosFramework framework = new MesosFramework(new MasterConnection(mesos.uri()), settings, task,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    return runner.submit(framework::run).get(90, TimeUnit.SECONDS);
  }

  private String log() {
    return log.toString(StandardCharsets.UTF_8);
  }
}
