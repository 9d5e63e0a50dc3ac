package io.dvdcli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MountIdsTest {
  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverTheHostId() {
    assertEquals("flag", MountIds.resolve("flag", Map.of("DVDCLI_MOUNT_ID", "env")));
    assertEquals("env", MountIds.resolve(null, Map.of("DVDCLI_MOUNT_ID", "env")));
    String host = MountIds.resolve(null, Map.of());
    assertTrue(host.matches("dvdcli-[0-9a-f]{24}"), host);
    assertEquals(host, MountIds.resolve(null, Map.of()), "stable across calls");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a\nb", "tab\there", "nul\u0000", "del\u007f", "c1\u0085"})
  void blankOrControlCharactersAreRefused(String id) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MountIds.resolve(id, Map.of()));
    assertEquals("the mount ID must be 1-255 printable characters", e.getMessage());
  }

  @Test
  void atMost255Characters() {
    assertEquals("x".repeat(255), MountIds.resolve("x".repeat(255), Map.of()));
    assertThrows(IllegalArgumentException.class, () -> MountIds.resolve("x".repeat(256), Map.of()));
  }
}
