package io.dvdcli.shim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whatever bytes a checkpoint file holds (torn by a crash, emptied by a reboot, written by a newer
 * agent, or garbage), reading it never throws, never loses another container's record, and either
 * names well-formed volumes or says in one line why it names none. Seeds replay in every build;
 * {@code scripts/fuzz --shim} fuzzes it.
 */
class CheckpointFuzzTest {
  private static final DockerVolume KEPT = new DockerVolume("rexray", "kept-vol");
  private static final Path ROOT;

  static {
    try {
      ROOT = Files.createTempDirectory("shim-checkpoint-fuzz");
      ROOT.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyCheckpointFileIsReadOrReportedWithoutLosingTheOtherRecords(FuzzedDataProvider data) throws IOException {
    CheckpointPaths paths = new CheckpointPaths(ROOT);
    CheckpointStore store = new CheckpointStore(paths);
    store.write("keeper", List.of(KEPT));
    Path fuzzed = paths.volumesPath("fuzzed");
    Files.createDirectories(fuzzed.getParent());
    Files.write(fuzzed, data.consumeRemainingAsBytes());
    try {
      Optional<ContainerRecord> record = store.read("fuzzed");
      assertTrue(record.isPresent());
      ContainerRecord r = record.get();
      if (r.problem().isPresent()) {
        assertTrue(r.volumes().isEmpty(), "a record it cannot trust names nothing");
        String problem = r.problem().get();
        assertFalse(problem.isBlank());
        assertTrue(problem.chars().noneMatch(c -> c == '\n' || c == '\r'), () -> "not one line: " + problem);
      }
      for (DockerVolume v : r.volumes()) {
        assertFalse(v.driver().isEmpty() || v.name().isEmpty(), v.toString());
      }
      List<ContainerRecord> all = store.readAll();
      ContainerRecord keeper = all.stream().filter(c -> c.containerId().equals("keeper")).findFirst().orElseThrow();
      assertEquals(Set.of(KEPT), keeper.volumes(), "the other container's record is intact");
      assertEquals(List.of(KEPT.toString()), store.users(KEPT).stream()
          .filter("keeper"::equals).map(id -> KEPT.toString()).toList());
    } finally {
      Files.deleteIfExists(fuzzed);
    }
  }
}
