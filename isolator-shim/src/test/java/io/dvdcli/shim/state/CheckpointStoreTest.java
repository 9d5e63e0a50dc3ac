package io.dvdcli.shim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir Path root;

  CheckpointStore store() {
    return new CheckpointStore(new CheckpointPaths(root));
  }

  @Test
  void aRecordIsTheMesosDockerVolumesJsonAtContainerIdSlashVolumes() throws Exception {
    store().write("c1", List.of(new DockerVolume("rexray", "vol1"), new DockerVolume("rexray", "123")));

    assertEquals("{\"volumes\":[{\"driver\":\"rexray\",\"name\":\"vol1\"},{\"driver\":\"rexray\",\"name\":\"123\"}]}",
        Files.readString(root.resolve("c1").resolve("volumes")));
  }

  @Test
  void writingLeavesNoTemporaryFilesBehind() throws Exception {
    store().write("c1", List.of(new DockerVolume("rexray", "vol1")));
    store().write("c1", List.of(new DockerVolume("rexray", "vol2")));

    try (var files = Files.list(root.resolve("c1"))) {
      assertEquals(List.of("volumes"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aRecordWrittenByTheAgentWithExtraFieldsIsRead() throws Exception {
    Files.createDirectories(root.resolve("c1"));
    Files.writeString(root.resolve("c1/volumes"),
        "{\"volumes\":[{\"driver\":\"rexray\",\"name\":\"vol1\",\"options\":{\"parameter\":[{\"key\":\"size\",\"value\":\"5\"}]}}]}");

    assertEquals(Set.of(new DockerVolume("rexray", "vol1")), store().read("c1").orElseThrow().volumes());
  }

  @Test
  void anEmptyRecordAfterAHardRebootNamesNothingAndSaysWhy() throws Exception {
    Files.createDirectories(root.resolve("c1"));
    Files.writeString(root.resolve("c1/volumes"), "");

    ContainerRecord record = store().read("c1").orElseThrow();

    assertEquals(Set.of(), record.volumes());
    assertTrue(record.problem().orElseThrow().contains("is empty"));
  }

  @Test
  void aTruncatedRecordNamesNothingAndSaysWhy() throws Exception {
    Files.createDirectories(root.resolve("c1"));
    Files.writeString(root.resolve("c1/volumes"), "{\"volumes\":[{\"driver\":\"rex");

    ContainerRecord record = store().read("c1").orElseThrow();

    assertEquals(Set.of(), record.volumes());
    assertTrue(record.problem().orElseThrow().contains("truncated or corrupt"), record.problem().get());
  }

  @Test
  void aFolderWithoutRecordIsACrashBetweenMkdirAndWrite() throws Exception {
    Files.createDirectories(root.resolve("c1"));

    assertTrue(store().read("c1").orElseThrow().problem().orElseThrow().contains("does not exist"));
  }

  @Test
  void aContainerWithoutFolderHasNoRecord() throws Exception {
    assertEquals(Optional.empty(), store().read("c1"));
  }

  @Test
  void theShimsOwnDotEntriesAreNeverTakenForContainers() throws Exception {
    store().write("c1", List.of(new DockerVolume("rexray", "v")));
    store().addReleased("c0", List.of(new DockerVolume("rexray", "v")));
    Files.createDirectories(root.resolve(".locks"));
    Files.writeString(root.resolve(".lock"), "");

    assertEquals(List.of("c1"), new CheckpointPaths(root).containerIds());
    assertEquals(List.of("c0"), new CheckpointPaths(root).releasedIds());
  }

  @Test
  void anUnmountedVolumeIsForgottenByEveryReleasedRecord() throws Exception {
    DockerVolume shared = new DockerVolume("rexray", "shared");
    DockerVolume other = new DockerVolume("rexray", "other");
    store().addReleased("a", List.of(shared));
    store().addReleased("b", List.of(shared, other));

    store().forgetReleased(shared);

    assertEquals(List.of("b"), new CheckpointPaths(root).releasedIds());
    assertEquals(Set.of(other), store().readReleased("b").volumes());
  }
}
