package io.dvdcli.csi;

import static io.dvdcli.csi.CsiClient.publish;
import static io.dvdcli.csi.CsiClient.unpublish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.csi.node.Publication;
import io.dvdcli.csi.node.Steps;
import io.dvdcli.testsupport.peers.Mounts;
import io.dvdcli.testsupport.peers.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of the server at each step of a publish or an unpublish, then a new server on the same
 * state, as a DaemonSet restarts it; kubelet then retries the publish or unpublishes (the pod was
 * deleted). Every case ends with nothing leaked, and another pod's publication of the same volume,
 * made before, untouched throughout: still mounted, its mount ID still held by the plugin.
 */
class KillAndRestartTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}: killed at {1}, then {2}")
  @CsvSource({
      "reference, publish:after-record,         publish",
      "reference, publish:after-record,         unpublish",
      "reference, publish:after-plugin-mount,   publish",
      "reference, publish:after-plugin-mount,   unpublish",
      "reference, publish:after-bind,           publish",
      "reference, publish:after-bind,           unpublish",
      "reference, unpublish:after-unbind,       unpublish",
      "reference, unpublish:after-plugin-unmount, unpublish",
      "rclone,    publish:after-plugin-mount,   publish",
      "rclone,    publish:after-bind,           unpublish",
      "rclone,    unpublish:after-unbind,       unpublish",
  })
  void nothingLeaksAndTheOtherPodKeepsItsVolume(String which, String step, String then) throws Exception {
    Prerequisites.assumeRoot("bind mounts onto pod folders");
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try (DockerPluginPeer peer = which.equals("rclone") ? DockerPluginPeer.rclone(tmp.resolve("peer"))
        : DockerPluginPeer.reference(tmp.resolve("peer"))) {
      peer.create("crash");
      String id = peer.driver() + "#crash";
      Path neighbour = target("pod-a");
      Path target = target("pod-b");
      String neighbourMountId = Publication.mountIdFor(id, neighbour.toString());

      run(peer, Map.of(), csi -> csi.node().nodePublishVolume(publish(id, neighbour)));
      if (step.startsWith("unpublish")) {
        run(peer, Map.of(), csi -> csi.node().nodePublishVolume(publish(id, target)));
      }

      try (CsiServerProcess paused = server(peer, Map.of(Steps.VARIABLE, step));
           CsiClient csi = new CsiClient(paused.socket())) {
        Future<?> call = caller.submit(() -> step.startsWith("publish")
            ? csi.node().nodePublishVolume(publish(id, target))
            : csi.node().nodeUnpublishVolume(unpublish(id, target)));
        paused.awaitLog("paused at " + step, Duration.ofSeconds(60));
        paused.kill();
        assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS), "the call dies with the server");
      }

      run(peer, Map.of(), csi -> {
        if (then.equals("publish")) {
          csi.node().nodePublishVolume(publish(id, target));
          assertTrue(Mounts.isMountPoint(target), "the retried publish mounted the target");
          Files.writeString(target.resolve("after-restart.txt"), "ok");
          assertEquals(2, peer.mountIds("crash").size(), "two pods, two mount IDs: " + peer.mountIds("crash"));
        }
        csi.node().nodeUnpublishVolume(unpublish(id, target));
      });

      assertFalse(Files.exists(target), "the target is gone");
      assertTrue(Mounts.isMountPoint(neighbour), "the other pod's volume is still mounted");
      Files.writeString(neighbour.resolve("still-usable.txt"), "yes");
      if (peer.driver().equals("ref")) {
        assertEquals(Set.of(neighbourMountId), peer.mountIds("crash"), "only the other pod's mount ID is held");
      } else {
        assertEquals(1, peer.mountIds("crash").size(), "only the other pod's mount ID is held: " + peer.mountIds("crash"));
      }

      run(peer, Map.of(), csi -> csi.node().nodeUnpublishVolume(unpublish(id, neighbour)));
      assertEquals(Set.of(), peer.mountIds("crash"));
      assertEquals(List.of(), Mounts.under(tmp.resolve("pods")), "nothing left mounted");
    } finally {
      caller.shutdownNow();
      Mounts.unmountAllUnder(tmp.resolve("pods"));
    }
  }

  private interface Calls {
    void with(CsiClient csi) throws Exception;
  }

  /** A fresh server on the same state folder, used for {@code calls}, then killed (-9). */
  private void run(DockerPluginPeer peer, Map<String, String> env, Calls calls) throws Exception {
    try (CsiServerProcess server = server(peer, env); CsiClient csi = new CsiClient(server.socket())) {
      try {
        calls.with(csi);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\nserver log:\n" + server.log(), e);
      }
    }
  }

  private CsiServerProcess server(DockerPluginPeer peer, Map<String, String> env) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("csi"));
    Files.deleteIfExists(dir.resolve("server.log"));
    return CsiServerProcess.forPlugin(dir, peer.socketsDir(), peer.driver(), tmp.resolve("state"), env);
  }

  private Path target(String pod) throws Exception {
    return Files.createDirectories(tmp.resolve("pods").resolve(pod).resolve("volumes/kubernetes.io~csi/pv")).resolve("mount");
  }
}
