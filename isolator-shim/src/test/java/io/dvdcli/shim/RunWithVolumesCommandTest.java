package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code isolator-shim run}, as a real process started through scripts/isolator-shim. */
class RunWithVolumesCommandTest {
  @TempDir Path temp;
  FakeDvdcli fake;
  Path checkpoints;

  @BeforeEach
  void setUp() throws Exception {
    fake = FakeDvdcli.in(temp.resolve("fake"));
    checkpoints = temp.resolve("checkpoints");
  }

  ShimProcess shim() {
    return new ShimProcess(Map.of(
        "DVDI_VOLUME_NAME", "first", "DVDI_VOLUME_DRIVER", "fake",
        "DVDI_VOLUME_NAME2", "second", "DVDI_VOLUME_DRIVER2", "fake", "DVDI_VOLUME_DVDCLI2", fake.path().toString()));
  }

  @Test
  void theCommandSeesEachHostPathAndItsExitStatusIsTheShimsAndCleanupFollows() throws Exception {
    Path seen = temp.resolve("seen");
    ShimProcess.Result result = shim().run("run", "--checkpoint-dir", checkpoints.toString(), "--",
        "sh", "-c", "echo \"$DVDI_VOLUME_HOSTPATH $DVDI_VOLUME_HOSTPATH2\" > " + seen + "; exit 7");

    assertEquals(7, result.exitStatus(), result.stderr());
    assertEquals("", result.stdout());
    assertEquals(fake.file("volumes/first") + " " + fake.file("volumes/second"), Files.readString(seen).strip());
    assertFalse(fake.isMounted("fake", "first") || fake.isMounted("fake", "second"));
    assertEquals(List.of(), Files.list(checkpoints).filter(p -> !p.getFileName().toString().startsWith(".")).toList());
  }

  @Test
  void sigtermToTheShimReachesTheCommandAndCleanupStillRuns() throws Exception {
    Path started = temp.resolve("started");
    Path trapped = temp.resolve("trapped");
    Process shim = shim().builder(List.of("run", "--checkpoint-dir", checkpoints.toString(), "--", "sh", "-c",
            "trap 'echo term > " + trapped + "; exit 143' TERM; touch " + started + "; while :; do sleep 0.1; done"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // only stops a hung build
    while (!Files.exists(started) && shim.isAlive() && System.nanoTime() < giveUp) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(started), "the command started");
    assertTrue(fake.isMounted("fake", "first"), "mounted while the command runs");

    shim.destroy(); // SIGTERM
    assertTrue(shim.waitFor(60, TimeUnit.SECONDS));

    assertEquals("term", Files.readString(trapped).strip(), "the command got SIGTERM");
    assertFalse(fake.isMounted("fake", "first") || fake.isMounted("fake", "second"), "cleanup ran");
  }
}
