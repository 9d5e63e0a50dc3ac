package io.dvdcli.examples.mesos.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.mesos.scheduler.FrameworkAbortedException;
import io.dvdcli.examples.mesos.scheduler.FrameworkSettings;
import io.dvdcli.examples.mesos.scheduler.MasterConnection;
import io.dvdcli.examples.mesos.scheduler.MesosFramework;
import io.dvdcli.examples.mesos.scheduler.ResubscribeBackoff;
import io.dvdcli.examples.mesos.scheduler.TaskOutcome;
import io.dvdcli.examples.mesos.task.TaskSpec;
import io.dvdcli.testsupport.mesos.AgentResources;
import io.dvdcli.testsupport.mesos.DirectoryVolumes;
import io.dvdcli.testsupport.mesos.StandInMesos;
import io.dvdcli.testsupport.mesos.StandInSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The framework against masters that behave as real ones do and the old stand-in did not: a
 * SUBSCRIBE refused with an ERROR event, a leader that dies, a master still starting.
 */
class RealMasterTest {
  /** Never fits the 1-cpu agents below: the framework subscribes and declines, nothing runs. */
  private static final TaskSpec NEVER_FITS = new TaskSpec("waiter", "true", 4, 32, List.of());

  @TempDir
  Path dir;

  private final List<StandInMesos> masters = new ArrayList<>();
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @AfterEach
  void stop() throws IOException {
    runner.shutdownNow();
    for (StandInMesos master : masters) {
      master.close();
    }
  }

  /** Item 1: src/master/master.cpp:2694-2703 (1.11.0), the refusal travels as an ERROR event. */
  @Test
  void aSubscribeRefusedWithAnErrorEventEndsTheRunWithTheMastersMessage_masterCpp2694() throws Exception {
    StandInMesos mesos = master(settings("m").withRoles(Set.of("prod")));
    MesosFramework framework = framework(List.of(mesos.uri()), "dev", NEVER_FITS, Duration.ofSeconds(30));

    ExecutionException failed = assertThrows(ExecutionException.class, () -> bounded(runner.submit(framework::run)));

    assertTrue(failed.getCause() instanceof FrameworkAbortedException, String.valueOf(failed.getCause()));
    assertEquals("Failed to run framework: the master sent ERROR: Roles { dev } are not present in the master's "
        + "--roles", failed.getCause().getMessage());
    assertEquals(1, count(mesos.calls(), Call.Type.SUBSCRIBE), "no retry: " + log());
  }

  /**
   * Item 2: a leader that dies is not retried until the failover timeout; the configured master,
   * which redirects to the new leader (src/master/http.cpp:1746-1797), is asked again.
   */
  @Test
  void afterTheLeaderDiesTheConfiguredMasterIsAskedAgainAndLeadsToTheNewLeader_httpCpp1746() throws Exception {
    StandInMesos follower = master(settings("follower"));
    StandInMesos first = master(settings("first"));
    StandInMesos second = master(settings("second"));
    follower.following(first.uri());
    MesosFramework framework = framework(List.of(follower.uri()), "*", NEVER_FITS, Duration.ofSeconds(60));
    Future<TaskOutcome> run = runner.submit(framework::run);
    await(() -> count(first.calls(), Call.Type.DECLINE) > 0, "the first leader's offer declined");
    String frameworkId = first.calls().stream().filter(c -> c.getType() == Call.Type.DECLINE).findFirst().orElseThrow()
        .getFrameworkId().getValue();

    first.close();
    masters.remove(first);
    follower.following(second.uri());

    await(() -> count(second.calls(), Call.Type.SUBSCRIBE) > 0, "a SUBSCRIBE reaching the new leader");
    framework.stop();
    assertEquals(TaskState.TASK_KILLED, bounded(run).state());
    Call resubscribe = second.calls().get(0);
    assertEquals(frameworkId, resubscribe.getFrameworkId().getValue());
    assertEquals(0, count(follower.calls(), Call.Type.SUBSCRIBE), "the follower only redirects");
  }

  /** Item 2: --master given several times; a master that does not answer is skipped for the next. */
  @Test
  void aConfiguredMasterThatIsDownIsSkippedForTheNextOne() throws Exception {
    URI down = URI.create("http://127.0.0.1:" + freePort());
    StandInMesos up = master(settings("up"));
    MesosFramework framework = framework(List.of(down, up.uri()), "*", NEVER_FITS, Duration.ofSeconds(60));
    Future<TaskOutcome> run = runner.submit(framework::run);

    await(() -> count(up.calls(), Call.Type.DECLINE) > 0, "the second master's offer declined");
    framework.stop();
    assertEquals(TaskState.TASK_KILLED, bounded(run).state());
    assertTrue(log().contains("could not subscribe: "), log());
  }

  /**
   * Item 3: a master whose routes are not up yet (404) or that has not finished recovery or knows
   * no leader (503) is waited for, as Mesos's scheduler library does (src/scheduler/scheduler.cpp:692-716).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"starting (404)", "recovering (503)", "no leader elected (503)"})
  void aMasterNotReadyYetIsRetriedNotFatal_schedulerCpp692(String state) throws Exception {
    StandInMesos mesos = master(settings("m"));
    String status;
    if (state.startsWith("starting")) {
      mesos.startingUp();
      status = "HTTP 404";
    } else if (state.startsWith("recovering")) {
      mesos.recovering();
      status = "HTTP 503: Master has not finished recovery";
    } else {
      mesos.following(null);
      status = "HTTP 503: No leader elected";
    }
    MesosFramework framework = framework(List.of(mesos.uri()), "*", NEVER_FITS, Duration.ofSeconds(60));
    Future<TaskOutcome> run = runner.submit(framework::run);
    await(() -> log().contains(status), "the framework meeting " + status);

    mesos.leading();

    await(() -> count(mesos.calls(), Call.Type.DECLINE) > 0, "the framework subscribed once the master was ready");
    framework.stop();
    assertEquals(TaskState.TASK_KILLED, bounded(run).state());
  }

  /** Item 5: an I/O failure without a message is named by its type, not logged as "null". */
  @Test
  void aFailureWithoutAMessageIsNamedNotNull() throws Exception {
    OkHttpClient failing = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          throw new IOException();
        })
        .build();
    FrameworkSettings settings = new FrameworkSettings("f", "u", "*", Duration.ZERO, Duration.ofSeconds(5),
        new ResubscribeBackoff(Duration.ofMillis(10), Duration.ofMillis(10)));
    MesosFramework framework = new MesosFramework(new MasterConnection(URI.create("http://127.0.0.1:1"), failing),
        settings, NEVER_FITS, new PrintStream(log, true, StandardCharsets.UTF_8));

    IOException failed = assertThrows(IOException.class, framework::run);

    assertTrue(log().contains("could not subscribe: IOException"), log());
    assertTrue(failed.getMessage().endsWith(": IOException"), failed.getMessage());
    assertFalse(log().contains("null") || failed.getMessage().contains("null"), log() + failed.getMessage());
  }

  private StandInMesos master(StandInSettings settings) throws IOException {
    StandInMesos mesos = StandInMesos.start(settings, new DirectoryVolumes(dir.resolve("volumes")));
    masters.add(mesos);
    return mesos;
  }

  private StandInSettings settings(String name) {
    return new StandInSettings(0, new AgentResources(1, 256), Duration.ofSeconds(15), dir.resolve(name));
  }

  private MesosFramework framework(List<URI> uris, String role, TaskSpec task, Duration failover) {
    FrameworkSettings settings = new FrameworkSettings("test-framework", "nobody", role, failover,
        Duration.ofSeconds(5), new ResubscribeBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));
    return new MesosFramework(new MasterConnection(uris), settings, task,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static TaskOutcome bounded(Future<TaskOutcome> run) throws Exception {
    return run.get(30, TimeUnit.SECONDS);
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never saw " + what + "\n" + log());
      }
      Thread.sleep(20);
    }
  }

  private static long count(List<Call> calls, Call.Type type) {
    return calls.stream().filter(call -> call.getType() == type).count();
  }

  private String log() {
    return log.toString(StandardCharsets.UTF_8);
  }
}
