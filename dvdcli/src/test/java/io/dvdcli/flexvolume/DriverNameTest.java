package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DriverNameTest {
  @ParameterizedTest(name = "{0} -> dvdcli/{1}")
  @CsvSource({
      "rexray, rexray",
      "local-persist, local-persist",
      "rexray/ebs, rexray-ebs",
      "rexray/ebs:latest, rexray-ebs",
      "rexray/ebs:0.11.4, rexray-ebs-0.11.4",
      "registry.example.com:5000/org/nfs:v2, registry.example.com-5000-org-nfs-v2",
  })
  void aPluginNameMapsToADriverNameKubeletLoads(String plugin, String driver) {
    assertEquals(driver, DriverName.requireValid(DriverName.forPlugin(plugin)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-lead", "trail.", "has space", "a/b", "x~y",
      "a123456789012345678901234567890123456789012345678901234567890123"})
  void aNameKubeletWouldRefuseIsRefusedAtInstall(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DriverName.requireValid(name));
    assertEquals(true, e.getMessage().contains("--driver-name"), e.getMessage());
  }
}
