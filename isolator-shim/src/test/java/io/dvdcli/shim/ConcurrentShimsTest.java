package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several isolator-shim processes at once on one host: the file locks keep the counts right. */
class ConcurrentShimsTest {
  @TempDir Path temp;

  @Test
  void shimProcessesSharingAVolumeUnmountItOnceAfterTheLastCleanup() throws Exception {
    FakeDvdcli fake = FakeDvdcli.in(temp.resolve("fake"));
    Path checkpoints = temp.resolve("checkpoints");
    ShimProcess shim = new ShimProcess(Map.of());
    List<String> common = List.of("--checkpoint-dir", checkpoints.toString(), "--dvdcli", fake.path().toString());

    List<CompletableFuture<ShimProcess.Result>> prepares = new ArrayList<>();
    for (String id : List.of("a", "b", "c")) {
      prepares.add(inBackground(shim, with(common, "prepare", id, "--volume", "driver=fake,name=shared",
          "--volume", "driver=fake,name=own-" + id)));
    }
    for (CompletableFuture<ShimProcess.Result> p : prepares) {
      assertEquals(0, p.get().exitStatus(), p.get().stderr());
    }
    VolumeIsolator view = new VolumeIsolator(IsolatorConfig.builder().checkpointDir(checkpoints)
        .dvdcli(fake.path()).mountTimeout(Duration.ofSeconds(5)).build());
    CompletableFuture<ShimProcess.Result> cleanA = inBackground(shim, with(common, "cleanup", "a"));
    view.cleanup("b");
    assertEquals(0, cleanA.get().exitStatus(), cleanA.get().stderr());

    assertTrue(fake.isMounted("fake", "shared"), "c still uses it");
    assertTrue(fake.isMounted("fake", "own-c"));
    assertFalse(fake.isMounted("fake", "own-a") || fake.isMounted("fake", "own-b"));

    view.cleanup("c");

    assertFalse(fake.isMounted("fake", "shared"));
    long sharedUnmounts = fake.calls().stream()
        .filter(c -> c.get(0).equals("unmount") && c.contains("--volumename=shared")).count();
    assertEquals(1, sharedUnmounts);
    assertEquals(Map.of(), view.status().released());
    assertEquals(List.of(), view.status().containers());
  }

  private static String[] with(List<String> common, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(2, common);
    return all.toArray(String[]::new);
  }

  private static CompletableFuture<ShimProcess.Result> inBackground(ShimProcess shim, String[] args) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return shim.run(args);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
