package io.dvdcli.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testsupport.peers.MountNamespaces;
import io.dvdcli.testsupport.peers.Mounts;
import io.dvdcli.testsupport.peers.RclonePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * dvdcli, run as the agent runs it, against rclone's Docker volume plugin ({@code rclone serve
 * docker}, Debian's rclone) with real FUSE mounts of a local folder: a plugin nobody on the team
 * wrote, which refuses a repeated mount ID and an unknown option. Needs root, rclone, fuse3 and
 * /dev/fuse; skipped, saying why, without them.
 */
@ResourceLock(value = MountNamespaces.LOCK, mode = ResourceAccessMode.READ_WRITE)
class RclonePluginTest {
  @TempDir Path tmp;
  private RclonePlugin rclone;
  private Dvdcli agent;
  private Path remote;

  @BeforeEach
  void start() throws Exception {
    rclone = RclonePlugin.start(tmp.resolve("rclone"));
    remote = Files.createDirectories(tmp.resolve("remote"));
    agent = new Dvdcli(rclone.socketsDir(), Dvdcli.emptyDir(tmp, "specs"));
  }

  @AfterEach
  void stop() {
    if (rclone != null) {
      rclone.close();
    }
  }

  private Dvdcli.Result mount(String volume, String... options) throws Exception {
    String[] args = new String[3 + options.length];
    args[0] = "mount";
    args[1] = "--volumedriver=rclone";
    args[2] = "--volumename=" + volume;
    for (int i = 0; i < options.length; i++) {
      args[3 + i] = "--volumeopts=" + options[i];
    }
    return agent.run(args);
  }

  private JsonNode mountIds(String volume) throws Exception {
    return PluginJson.MAPPER.readTree(rclone.call("VolumeDriver.Get", "{\"Name\":\"" + volume + "\"}").body())
        .get("Volume").get("Status").get("Mounts");
  }

  @Test
  void twoContainersShareAVolumeAndTheAgentsSingleUnmountAfterTheLastReleasesIt() throws Exception {
    Dvdcli.Result first = mount("shared", "remote=" + RclonePlugin.localRemote(remote), "vfs-cache-mode=off");
    assertEquals(0, first.exit(), first.toString());
    Path path = Path.of(first.stdout().strip());
    assertTrue(Mounts.isMountPoint(path), path + " is rclone's FUSE mount");
    Files.writeString(path.resolve("a.txt"), "through FUSE\n");
    assertEquals("through FUSE\n", Files.readString(remote.resolve("a.txt")), "written through to the remote");

    // The second task on this host: rclone refuses a repeated ID; dvdcli sends a fresh one.
    Dvdcli.Result second = mount("shared", "remote=" + RclonePlugin.localRemote(remote), "vfs-cache-mode=off");
    assertEquals(0, second.exit(), second.toString());
    assertEquals(first.stdout(), second.stdout());
    assertEquals(2, mountIds("shared").size(), mountIds("shared").toString());

    Dvdcli.Result unmounted = agent.run("unmount", "--volumedriver=rclone", "--volumename=shared");
    assertEquals(0, unmounted.exit(), unmounted.toString());
    assertEquals("", unmounted.stderr());
    assertEquals(0, mountIds("shared").size());
    assertFalse(Mounts.isMountPoint(path), "rclone let go of its FUSE mount");

    Dvdcli.Result removed = agent.run("remove", "--volumedriver=rclone", "--volumename=shared");
    assertEquals(0, removed.exit(), removed.toString());
    assertEquals("through FUSE\n", Files.readString(remote.resolve("a.txt")), "removing the volume keeps the data");
  }

  @Test
  void aRefusedOptionFailsWithRclonesWordsAndLeavesNothing() throws Exception {
    Dvdcli.Result r = mount("bad", "remote=" + RclonePlugin.localRemote(remote), "colour=blue");
    assertEquals(1, r.exit(), r.toString());
    assertEquals("", r.stdout());
    assertEquals("dvdcli: Failed to mount volume 'bad' with driver 'rclone': plugin 'rclone' answered"
        + " VolumeDriver.Create with HTTP 500: unsupported backend option \"colour\"", r.lastStderrLine());
    assertTrue(Mounts.under(rclone.baseDir()).isEmpty(), Mounts.under(rclone.baseDir()).toString());
    assertEquals(500, rclone.call("VolumeDriver.Get", "{\"Name\":\"bad\"}").status(), "not created");
  }

  @Test
  void aStoppedPluginIsAStaleSocketAndItsRestartServesTheUnmount() throws Exception {
    assertEquals(0, mount("v1", "remote=" + RclonePlugin.localRemote(remote)).exit());
    rclone.stop(); // SIGTERM: rclone unmounts everything and forgets the IDs it held
    Dvdcli.Result down = agent.run("unmount", "--volumedriver=rclone", "--volumename=v1");
    assertEquals(Files.exists(rclone.socket()) ? 4 : 3, down.exit(), down.toString());
    rclone.restart();
    // The agent retries a failed unmount (MESOS-10126); rclone now holds nothing for this host.
    Dvdcli.Result again = agent.run("unmount", "--volumedriver=rclone", "--volumename=v1");
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.stderr().contains("warning: volume 'v1' was not mounted with ID"), again.stderr());
    assertEquals(0, mountIds("v1").size());
  }
}
