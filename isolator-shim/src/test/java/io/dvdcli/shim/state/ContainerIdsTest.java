package io.dvdcli.shim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerIdsTest {
  @ParameterizedTest
  @ValueSource(strings = {"c1", "123", "2b8c7f3e-6a1d-4a55-b1b0-3a4d2f1e9c77", "task.with.dots", "a b"})
  void mesosStyleIdsAreAccepted(String id) {
    assertEquals(id, ContainerIds.validate(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", ".hidden", "a/b", "../etc", "a\\b", "line\nbreak", "nul\u0000"})
  void idsThatCouldEscapeTheCheckpointDirOrCollideWithTheShimsFilesAreRefused(String id) {
    assertThrows(IllegalArgumentException.class, () -> ContainerIds.validate(id));
  }
}
