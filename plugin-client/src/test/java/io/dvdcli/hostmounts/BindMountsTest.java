package io.dvdcli.hostmounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindMountsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/plain|/plain",
      "/with\\040space|/with space",
      "/tab\\011and|/tab\tand",
      "/back\\134slash|/back\\slash",
      "/not\\99octal|/not\\99octal",
  })
  void theKernelsOctalEscapesAreUndone(String field, String path) {
    assertEquals(path, BindMounts.unescape(field));
  }

  @Test
  void aFolderIsMountedWhenItIsTheMountPointOfALineEvenOnTheSameDeviceAsItsParent(@TempDir Path tmp) throws Exception {
    Path mountinfo = Files.writeString(tmp.resolve("mountinfo"),
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
            + "45 22 8:1 /srv/vol /var/lib/kubelet/pods/u/volumes/dvdcli~x/my\\040data rw - ext4 /dev/sda1 rw\n");
    BindMounts mounts = new BindMounts(mountinfo, Duration.ofSeconds(1));

    assertTrue(mounts.isMountPoint("/var/lib/kubelet/pods/u/volumes/dvdcli~x/my data"));
    assertFalse(mounts.isMountPoint("/var/lib/kubelet/pods/u/volumes/dvdcli~x"));
  }
}
