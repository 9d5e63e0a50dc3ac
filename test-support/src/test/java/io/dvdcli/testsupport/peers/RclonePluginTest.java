package io.dvdcli.testsupport.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(value = MountNamespaces.LOCK, mode = ResourceAccessMode.READ_WRITE)
class RclonePluginTest {
  @TempDir Path tmp;

  @Test
  void aMountIsARealFuseMountOfTheLocalRemoteAndIsGoneAfterTheLastUnmount() throws Exception {
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    try (RclonePlugin rclone = RclonePlugin.start(tmp.resolve("rclone"))) {
      HttpAnswer activate = rclone.call("Plugin.Activate", null);
      assertEquals(200, activate.status(), activate::toString);
      assertEquals("{\"Implements\":[\"VolumeDriver\"]}\n", activate.body());

      assertOk(rclone.call("VolumeDriver.Create", create("v1", remote)));
      HttpAnswer mounted = rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"first\"}");
      assertOk(mounted);
      Path mountpoint = rclone.baseDir().resolve("v1");
      assertEquals("{\"Mountpoint\":\"" + mountpoint + "\"}\n", mounted.body());
      assertEquals(List.of("fuse.rclone"), fsTypesAt(mountpoint));

      Files.writeString(mountpoint.resolve("through-fuse.txt"), "hello\n", StandardCharsets.UTF_8);
      assertEquals("hello\n", Files.readString(remote.resolve("through-fuse.txt")));

      assertOk(rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"second\"}"));
      assertOk(rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"first\"}"));
      assertEquals(List.of("fuse.rclone"), fsTypesAt(mountpoint), "one consumer is left");
      assertOk(rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"second\"}"));
      assertEquals(List.of(), fsTypesAt(mountpoint));
      assertOk(rclone.call("VolumeDriver.Remove", "{\"Name\":\"v1\"}"));
    }
  }

  @Test
  void itRefusesARepeatedMountIdAnUnknownUnmountIdAndAnUnknownOption() throws Exception {
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    try (RclonePlugin rclone = RclonePlugin.start(tmp.resolve("rclone"))) {
      assertRefused(rclone.call("VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":{\"remote\":\"" + RclonePlugin.localRemote(remote) + "\",\"colour\":\"blue\"}}"),
          "unsupported backend option \\\"colour\\\"");
      assertOk(rclone.call("VolumeDriver.Create", create("v1", remote)));
      assertOk(rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"a\"}"));
      assertRefused(rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"a\"}"), "volume is already mounted by this id");
      assertRefused(rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"b\"}"), "volume is not mounted by this id");
      assertRefused(rclone.call("VolumeDriver.Remove", "{\"Name\":\"v1\"}"), "volume is in use");
      assertOk(rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"a\"}"));
      assertRefused(rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"a\"}"), "volume is not mounted");
    }
  }

  @Test
  void aCleanStopUnmountsEveryVolumeAndForgetsItsMountIdsButARestartStillKnowsTheVolume() throws Exception {
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    try (RclonePlugin rclone = RclonePlugin.start(tmp.resolve("rclone"))) {
      assertOk(rclone.call("VolumeDriver.Create", create("v1", remote)));
      assertOk(rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"holder\"}"));
      rclone.stop();
      assertEquals(List.of(), fsTypesAt(rclone.baseDir().resolve("v1")), "SIGTERM unmounts");
      rclone.restart();
      HttpAnswer got = rclone.call("VolumeDriver.Get", "{\"Name\":\"v1\"}");
      assertOk(got);
      assertTrue(got.body().contains("\"Status\":{\"Mounts\":[]}"), got::toString);
    }
  }

  @Test
  void afterAKillTheMountIsDeadAndARestartOnTopOfItServesAgainButHasLostTheVolume() throws Exception {
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    Files.writeString(remote.resolve("kept.txt"), "kept\n");
    try (RclonePlugin rclone = RclonePlugin.start(tmp.resolve("rclone"))) {
      assertOk(rclone.call("VolumeDriver.Create", create("v1", remote)));
      assertOk(rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"holder\"}"));
      Path mountpoint = rclone.baseDir().resolve("v1");
      rclone.kill();
      assertEquals(List.of("fuse.rclone"), fsTypesAt(mountpoint), "a killed FUSE server leaves its mount");
      java.nio.file.FileSystemException dead =
          assertThrows(java.nio.file.FileSystemException.class, () -> Files.readString(mountpoint.resolve("kept.txt")));
      assertTrue(String.valueOf(dead.getMessage()).contains("Transport endpoint is not connected"), dead::toString);

      rclone.restart();
      assertRefused(rclone.call("VolumeDriver.Get", "{\"Name\":\"v1\"}"), "volume not found");
      assertTrue(Files.readString(rclone.log()).contains("Failed to restore volume \"v1\""));
      assertEquals("kept\n", Files.readString(remote.resolve("kept.txt")), "the data itself is untouched");
    }
    assertEquals(List.of(), Mounts.under(tmp), "close() leaves nothing mounted");
  }

  private static String create(String name, Path remote) {
    return "{\"Name\":\"" + name + "\",\"Opts\":{\"remote\":\"" + RclonePlugin.localRemote(remote) + "\"}}";
  }

  private static List<String> fsTypesAt(Path dir) {
    return Mounts.all().stream().filter(m -> m.mountPoint().equals(dir)).map(Mounts.Mount::fsType).toList();
  }

  private static void assertOk(HttpAnswer answer) {
    assertEquals(200, answer.status(), answer::toString);
    assertFalse(answer.body().contains("\"Err\":\"") && !answer.body().contains("\"Err\":\"\""), answer::toString);
  }

  private static void assertRefused(HttpAnswer answer, String err) {
    assertEquals(500, answer.status(), answer::toString);
    assertEquals("{\"Err\":\"" + err + "\"}\n", answer.body());
  }
}
