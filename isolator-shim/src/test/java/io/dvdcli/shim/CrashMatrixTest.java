package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.shim.VolumeRequest.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the shim process at each step of prepare and cleanup, then recover: no volume of the
 * dead container stays mounted (leaked) and the volume a live container shares with it is never
 * unmounted. Rows share one host (backend and checkpoint dir), as crashes on a real agent would;
 * each row's victim has its own ID and own volume. Rows are appended to {@code target/crash-matrix.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashMatrixTest {
  static final String LIVE = "keeper";

  @TempDir static Path temp;
  Backend backend;
  Path checkpoints;

  @BeforeAll
  void setUp() throws Exception {
    backend = Backends.create(temp.resolve("backend"));
    checkpoints = temp.resolve("checkpoints");
    library().prepare(LIVE, List.of(volume("shared")));
  }

  @AfterAll
  void tearDown() throws Exception {
    backend.close();
  }

  @ParameterizedTest(name = "kill -9 at {0}")
  @ValueSource(strings = {
      "prepare:before-checkpoint", "prepare:after-checkpoint", "prepare:after-mount-1", "prepare:mount-started-2",
      "prepare:after-mount-2"})
  void aShimKilledDuringPrepareLeavesNothingThatRecoverCannotFinish(String step) throws Exception {
    String own = own(step);
    shim().killAt(step, with("prepare", victim(step), "--volume", spec("shared"), "--volume", spec(own)));

    recoverAndCheck(step, own);
  }

  @ParameterizedTest(name = "kill -9 at {0}")
  @ValueSource(strings = {
      "cleanup:after-unbind", "cleanup:after-release", "cleanup:unmount-started-2", "cleanup:after-unmount-2"})
  void aShimKilledDuringCleanupLeavesNothingThatRecoverCannotFinish(String step) throws Exception {
    String own = own(step);
    library().prepare(victim(step), List.of(volume("shared"), volume(own)));

    shim().killAt(step, with("cleanup", victim(step)));

    recoverAndCheck(step, own);
  }

  private void recoverAndCheck(String step, String own) throws Exception {
    RecoverResult recovered = library().recover(Set.of(LIVE));

    int leaked = backend.isMounted(own) ? 1 : 0;
    int wronglyUnmounted = backend.isMounted("shared") ? 0 : 1;
    Files.writeString(Path.of("target", "crash-matrix.txt"),
        String.format("%-28s recover %s, leaked %d, wrongly unmounted %d%n", step,
            recovered.succeeded() ? "ok" : "FAILED " + recovered.failures(), leaked, wronglyUnmounted),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    assertTrue(recovered.succeeded(), recovered.failures().toString());
    assertEquals(0, leaked, "the dead container's own volume is unmounted");
    assertEquals(0, wronglyUnmounted, "the live container's volume stays mounted");
    IsolatorStatus status = library().status();
    assertEquals(List.of(LIVE), status.containers().stream().map(IsolatorStatus.Container::containerId).toList());
    assertEquals(Map.of(), status.released(), "nothing is left pending");
    assertTrue(Files.exists(checkpoints.resolve(LIVE).resolve("volumes")));
  }

  private static String victim(String step) {
    return "victim-" + step.replace(':', '-');
  }

  private static String own(String step) {
    return "own-" + step.replace(':', '-');
  }

  private VolumeIsolator library() {
    return new VolumeIsolator(IsolatorConfig.builder()
        .checkpointDir(checkpoints)
        .dvdcli(backend.dvdcli())
        .dvdcliEnvironment(backend.environment())
        .mountTimeout(Duration.ofSeconds(30))
        .build());
  }

  private ShimProcess shim() {
    return new ShimProcess(backend.environment());
  }

  private String[] with(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--checkpoint-dir", checkpoints.toString(), "--dvdcli", backend.dvdcli().toString(),
        "--mount-timeout", "30s", "--unmount-timeout", "30s"));
    return all.toArray(String[]::new);
  }

  private VolumeRequest volume(String name) {
    return new VolumeRequest(backend.driver(), name, new HashMap<>(), null, Mode.RW);
  }

  private String spec(String name) {
    return "driver=" + backend.driver() + ",name=" + name;
  }
}
