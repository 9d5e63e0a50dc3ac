package io.dvdcli.localplugin.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryVolumeDriverTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path tmp;
  private Path root;
  private DirectoryVolumeDriver driver;

  @BeforeEach
  void open() throws Exception {
    root = tmp.resolve("root");
    driver = DirectoryVolumeDriver.open(root, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @Test
  void aVolumeIsADataDirectoryUnderTheStateRoot() throws Exception {
    driver.create("v1", Map.of());
    Path path = driver.mount("v1", "a");
    assertEquals(root.resolve("volumes/v1/_data").toAbsolutePath(), path);
    assertTrue(path.isAbsolute());
    assertTrue(Files.isDirectory(path));
  }

  @Test
  void getDescribesTheVolume() throws Exception {
    driver.create("v1", Map.of("size", "5"));
    driver.mount("v1", "a");
    assertEquals(
        new DirectoryVolume("v1", root.resolve("volumes/v1/_data").toAbsolutePath(), T0, Map.of("size", "5"), Set.of("a")),
        driver.get("v1"));
  }

  @Test
  void theDriverKeepsSecretOptionsUnmasked() throws Exception {
    driver.create("v1", Map.of("password", "hunter2"));
    assertEquals("hunter2", driver.get("v1").options().get("password"));
  }

  @Test
  void mountRecreatesADataDirectoryDeletedBehindThePluginsBack() throws Exception {
    driver.create("v1", Map.of());
    Files.delete(root.resolve("volumes/v1/_data"));
    assertTrue(Files.isDirectory(driver.mount("v1", "a")));
  }

  @Test
  void removeDeletesNestedDataButNotWhatSymlinksPointTo() throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep me");
    driver.create("v1", Map.of());
    Path data = driver.path("v1");
    Files.createDirectories(data.resolve("a/b"));
    Files.writeString(data.resolve("a/b/file"), "x");
    Files.createSymbolicLink(data.resolve("link"), outside);
    Files.createSymbolicLink(data.resolve("dirlink"), tmp);
    driver.remove("v1");
    assertFalse(Files.exists(root.resolve("volumes/v1")));
    assertEquals("keep me", Files.readString(outside));
    assertEquals(List.of(), driver.list());
  }

  @Test
  void aVolumeCanBeCreatedAgainAfterItWasRemoved() throws Exception {
    driver.create("v1", Map.of("a", "1"));
    driver.remove("v1");
    driver.create("v1", Map.of("a", "2"));
    assertEquals(Map.of("a", "2"), driver.get("v1").options());
  }

  @Test
  void aVolumeCanBeRemovedOnceItsLastMountIdIsGone() throws Exception {
    driver.create("v1", Map.of());
    driver.mount("v1", "a");
    driver.mount("v1", "b");
    driver.unmount("v1", "a");
    assertThrows(VolumeException.class, () -> driver.remove("v1"));
    driver.unmount("v1", "b");
    driver.remove("v1");
    assertEquals(List.of(), driver.list());
  }

  @Test
  void nothingTheDriverMakesIsWorldWritable() throws Exception {
    driver.create("v1", Map.of("k", "v"));
    driver.mount("v1", "a");
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        assertFalse(Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_WRITE), p::toString);
      }
    }
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(root.resolve("state.json")));
  }

  @Test
  void scopeIsLocal() {
    assertEquals("local", driver.scope());
  }
}
