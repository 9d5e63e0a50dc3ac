package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.shim.VolumeRequest.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeRequestTest {
  @ParameterizedTest
  @ValueSource(strings = {"123", "1", "vol1", "my_vol.v2-final", "A"})
  void plainNamesIncludingDigitsOnlyAreAccepted(String name) {
    assertEquals(name, new VolumeRequest("rexray", name, Map.of(), null, Mode.RW).name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../etc", "a/b", "-rf", "--volumedriver=x", "a b", "$(reboot)", "`id`", "a;b", "a\nb",
      ".hidden", "a|b", "x'y"})
  void hostileNamesAreRefusedWithAClearMessage(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new VolumeRequest("rexray", name, Map.of(), null, Mode.RW));

    assertTrue(e.getMessage().startsWith("Invalid volume name '"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), "one line, control characters escaped");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rexray", "rexray/ebs", "rexray/ebs:latest", "local-persist", "my.registry/org/plugin:1.0"})
  void pluginNamesIncludingManagedPluginReferencesAreAccepted(String driver) {
    assertEquals(driver, new VolumeRequest(driver, "v", Map.of(), null, Mode.RW).driver());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../x", "/abs", "a//b", "a b", "x;y", "-d"})
  void hostileDriversAreRefused(String driver) {
    assertThrows(IllegalArgumentException.class, () -> new VolumeRequest(driver, "v", Map.of(), null, Mode.RW));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "a/../b", "../up", "./x", "a//b", "/data/", "tab\tin"})
  void containerPathsThatAreNotNormalisedAreRefused(String path) {
    assertThrows(IllegalArgumentException.class, () -> new VolumeRequest("rexray", "v", Map.of(), path, Mode.RW));
  }

  @Test
  void optionsKeepTheirOrderAndMayCarryAnyPrintableValue() {
    Map<String, String> options = new java.util.LinkedHashMap<>();
    options.put("sshcmd", "user@host:/path with space");
    options.put("size", "5");

    VolumeRequest request = new VolumeRequest("vieux/sshfs", "v", options, null, Mode.RW);

    assertEquals(List.of("sshcmd", "size"), List.copyOf(request.options().keySet()));
  }

  @Test
  void anOptionValueWithANewlineIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new VolumeRequest("rexray", "v", Map.of("size", "5\n--volumename=other"), null, Mode.RW));
  }

  @Test
  void modeDefaultsToReadWrite() {
    assertEquals(Mode.RW, new VolumeRequest("rexray", "v", Map.of(), null, null).mode());
  }
}
