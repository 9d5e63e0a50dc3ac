package io.dvdcli.examples.mesos.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSpecFileTest {
  @TempDir
  Path dir;

  @Test
  void readsAFullSpec() throws IOException {
    Path file = write("""
        {"name": "writer", "command": "echo hi > data/hello", "cpus": 0.5, "mem": 64,
         "volumes": [{"driver": "local", "name": "v1", "options": {"size": "1G"},
                      "containerPath": "data", "mode": "RO"}]}""");
    assertEquals(new TaskSpec("writer", "echo hi > data/hello", 0.5, 64,
            List.of(new TaskVolume("local", "v1", Map.of("size", "1G"), "data", VolumeMode.RO))),
        TaskSpecFile.read(file));
  }

  @Test
  void fillsInDefaultsForNameResourcesAndMode() throws IOException {
    Path file = write("""
        {"command": "true", "volumes": [{"driver": "local", "name": "v1", "containerPath": "data"}]}""");
    TaskSpec spec = TaskSpecFile.read(file);
    assertEquals(new TaskSpec(TaskDefaults.NAME, "true", TaskDefaults.CPUS, TaskDefaults.MEM,
        List.of(new TaskVolume("local", "v1", Map.of(), "data", VolumeMode.RW))), spec);
  }

  @Test
  void anUnknownFieldIsAnErrorNamingTheFile() throws IOException {
    Path file = write("{\"command\": \"true\", \"volumes\": [{\"drvier\": \"local\"}]}");
    IOException error = assertThrows(IOException.class, () -> TaskSpecFile.read(file));
    assertTrue(error.getMessage().startsWith("Failed to read task spec '" + file + "': "), error.getMessage());
    assertTrue(error.getMessage().contains("drvier"), error.getMessage());
  }

  @Test
  void theSameVolumeTwiceIsRefused() throws IOException {
    Path file = write("""
        {"command": "true", "volumes": [{"driver": "local", "name": "v1", "containerPath": "a"},
                                        {"driver": "local", "name": "v1", "containerPath": "b"}]}""");
    IOException error = assertThrows(IOException.class, () -> TaskSpecFile.read(file));
    assertTrue(error.getMessage().endsWith("must not use the same volume (driver and name) twice"), error.getMessage());
  }

  @Test
  void aMissingCommandIsRefused() throws IOException {
    Path file = write("{\"cpus\": 1}");
    IOException error = assertThrows(IOException.class, () -> TaskSpecFile.read(file));
    assertTrue(error.getMessage().endsWith("task command must not be empty"), error.getMessage());
  }

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("task.json"), json);
  }
}
