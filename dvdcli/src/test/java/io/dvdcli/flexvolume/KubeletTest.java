package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: what it does before a mount is what kubelet's util.go prepareForMount does. */
class KubeletTest {
  @TempDir Path tmp;

  @Test
  void aMissingPodVolumeFolderIsMade0750AndCountsAsNotAMountPoint() throws Exception {
    Path dir = tmp.resolve("pods/uid/volumes/dvdcli~x/data");

    assertTrue(Kubelet.isLikelyNotMountPoint(dir));

    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
  }

  @Test
  void anExistingFolderOnItsParentsDeviceCountsAsNotAMountPoint() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plain"));

    assertTrue(Kubelet.isLikelyNotMountPoint(dir));
  }
}
