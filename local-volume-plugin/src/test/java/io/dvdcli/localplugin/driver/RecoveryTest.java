package io.dvdcli.localplugin.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per recovery case in {@link Recovery}, each set up as that state would arise. */
class RecoveryTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  private static final Instant T1 = Instant.parse("2026-01-03T00:00:00Z");

  @TempDir Path root;

  private DirectoryVolumeDriver open(Instant now) throws IOException {
    return DirectoryVolumeDriver.open(root, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aFirstStartMakesAnEmptyStateRootAndStateFile() throws Exception {
    Path fresh = root.resolve("a/b/fresh");
    DirectoryVolumeDriver driver = DirectoryVolumeDriver.open(fresh);
    assertEquals(List.of(), driver.list());
    assertTrue(Files.isDirectory(fresh.resolve("volumes")));
    assertTrue(Files.isRegularFile(fresh.resolve("state.json")));
  }

  @Test
  void reopeningFindsEveryVolumeWithItsOptionsMountIdsAndCreationTime() throws Exception {
    DirectoryVolumeDriver first = open(T0);
    first.create("v1", Map.of("size", "5"));
    first.create("v2", Map.of());
    first.mount("v1", "a");
    first.mount("v1", "b");
    DirectoryVolumeDriver second = open(T1);
    assertEquals(first.list(), second.list());
    assertEquals(Set.of("a", "b"), second.get("v1").mountIds());
    assertEquals(T0, second.get("v1").createdAt());
  }

  @Test
  void aTempFileLeftByACrashDuringAWriteIsDroppedAndTheLastCompleteStateWins() throws Exception {
    open(T0).create("v1", Map.of());
    Files.writeString(root.resolve("state.json.tmp"), "{\"version\":1,\"volu");
    DirectoryVolumeDriver driver = open(T1);
    assertEquals(Set.of("v1"), names(driver));
    assertFalse(Files.exists(root.resolve("state.json.tmp")));
  }

  @Test
  void aDirectoryTheStateDoesNotListIsAdoptedWithoutOptionsOrMounts() throws Exception {
    // A Create that died between making the directory and writing the state.
    open(T0).create("listed", Map.of("k", "v"));
    Files.createDirectories(root.resolve("volumes/orphan/_data"));
    DirectoryVolumeDriver driver = open(T1);
    assertEquals(Set.of("listed", "orphan"), names(driver));
    assertEquals(Map.of(), driver.get("orphan").options());
    assertEquals(Set.of(), driver.get("orphan").mountIds());
    assertEquals(T1, driver.get("orphan").createdAt());
    assertEquals(Map.of("k", "v"), driver.get("listed").options());
  }

  @Test
  void entriesThatAreNotVolumeDirectoriesAreNotAdopted() throws Exception {
    Files.createDirectories(root.resolve("volumes/no-data-dir"));
    Files.createDirectories(root.resolve("volumes/bad\nname/_data"));
    Files.writeString(root.resolve("volumes/a-file"), "x");
    Files.createDirectories(root.resolve("elsewhere/_data"));
    Files.createSymbolicLink(root.resolve("volumes/a-link"), root.resolve("elsewhere"));
    assertEquals(Set.of(), names(open(T0)));
  }

  @Test
  void aListedVolumeWhoseDirectoryIsGoneKeepsItsMountsAndGetsAnEmptyDirectory() throws Exception {
    // A Remove that died after deleting the data, or data deleted by hand.
    DirectoryVolumeDriver first = open(T0);
    first.create("v1", Map.of());
    first.mount("v1", "a");
    Directories.deleteVolume(first.layout(), new VolumeName("v1"));
    DirectoryVolumeDriver second = open(T1);
    assertEquals(Set.of("a"), second.get("v1").mountIds());
    assertTrue(Files.isDirectory(root.resolve("volumes/v1/_data")));
  }

  @Test
  void anEmptyStateFileIsTreatedAsNoStateAndTheDirectoriesAreAdopted() throws Exception {
    // A hard reboot on a file system that lost the fsync.
    open(T0).create("v1", Map.of("k", "v"));
    Files.write(root.resolve("state.json"), new byte[0]);
    DirectoryVolumeDriver driver = open(T1);
    assertEquals(Set.of("v1"), names(driver));
    assertEquals(Map.of(), driver.get("v1").options());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"version\":2,\"volumes\":[]}",
        "{\"version\":1,\"volumes\":[{\"name\":\"../x\",\"createdAt\":\"2026-01-01T00:00:00Z\"}]}",
        "{\"version\":1,\"volumes\":[{\"name\":\"v\",\"createdAt\":\"yesterday\"}]}"
      })
  void aStateFileThatCannotBeReadStopsTheStartRatherThanForgetMounts(String content) throws Exception {
    Files.writeString(root.resolve("state.json"), content);
    IOException e = assertThrows(IOException.class, () -> open(T0));
    assertTrue(
        e.getMessage().startsWith("Failed to read state '" + root.resolve("state.json") + "': "),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertEquals(content, Files.readString(root.resolve("state.json")));
  }

  @Test
  void theStateIsRewrittenAfterEveryChangeSoACrashLosesNothingAnswered() throws Exception {
    DirectoryVolumeDriver driver = open(T0);
    driver.create("v1", Map.of());
    driver.mount("v1", "a");
    assertTrue(Files.readString(root.resolve("state.json")).contains("\"a\""));
    driver.unmount("v1", "a");
    assertFalse(Files.readString(root.resolve("state.json")).contains("\"a\""));
  }

  private static Set<String> names(DirectoryVolumeDriver driver) {
    return Set.copyOf(driver.list().stream().map(DirectoryVolume::name).toList());
  }
}
