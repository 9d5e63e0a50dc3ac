package io.dvdcli.shim.dvdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.shim.VolumeRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DvdiEnvironmentTest {
  @Test
  void aNameAloneGivesARexrayVolumeWithNoOptions() {
    List<DvdiVolume> volumes = DvdiEnvironment.parse(Map.of("DVDI_VOLUME_NAME", "data", "PATH", "/bin"));

    assertEquals(1, volumes.size());
    VolumeRequest request = volumes.get(0).request();
    assertEquals("rexray", request.driver());
    assertEquals("data", request.name());
    assertEquals(Map.of(), request.options());
    assertFalse(request.explicitCreate());
    assertEquals("DVDI_VOLUME_HOSTPATH", volumes.get(0).hostPathVariable());
  }

  @Test
  void suffixedVariablesDescribeFurtherVolumesInSuffixOrder() {
    List<DvdiVolume> volumes = DvdiEnvironment.parse(Map.of(
        "DVDI_VOLUME_NAME3", "third", "DVDI_VOLUME_DRIVER3", "local",
        "DVDI_VOLUME_NAME", "first",
        "DVDI_VOLUME_NAME1", "second", "DVDI_VOLUME_OPTS1", "size=5,,iops=100", "DVDI_VOLUME_EXPLICITCREATE1", "TRUE"));

    assertEquals(List.of("first", "second", "third"), volumes.stream().map(v -> v.request().name()).toList());
    VolumeRequest second = volumes.get(1).request();
    assertEquals(List.of("size", "iops"), List.copyOf(second.options().keySet()));
    assertTrue(second.explicitCreate());
    assertEquals("local", volumes.get(2).request().driver());
    assertEquals("DVDI_VOLUME_HOSTPATH3", volumes.get(2).hostPathVariable());
  }

  @Test
  void theDvdcliBinaryIsPassedOn() {
    assertEquals(Optional.of("/opt/dvdcli"),
        DvdiEnvironment.parse(Map.of("DVDI_VOLUME_NAME", "v", "DVDI_VOLUME_DVDCLI", "/opt/dvdcli")).get(0).dvdcli());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DVDI_VOLUME_NAME10|v|takes no suffix or one digit 1-9",
      "DVDI_VOLUME_NAME0|v|takes no suffix or one digit 1-9",
      "DVDI_VOLUME_NAMES|v|takes no suffix or one digit 1-9",
      "DVDI_VOLUME_NAME|a;b|forbids",
      "DVDI_VOLUME_NAME|$(reboot)|forbids",
      "DVDI_VOLUME_NAME|a b|forbids",
      "DVDI_VOLUME_DRIVER|rexray/ebs|forbids",
      "DVDI_VOLUME_OPTS|size=5;rm -rf|forbids",
      "DVDI_VOLUME_EXPLICITCREATE|yes|must be true or false",
      "DVDI_VOLUME_OPTS|novalue|must be key=value",
      "DVDI_VOLUME_CONTAINERPATH|relative/path|must start with /",
      "DVDI_VOLUME_CONTAINERPATH|/no/such/dir/anywhere|must exist, or be under /tmp/"})
  void theModulesRulesRefuseBadValuesNamingTheVariable(String variable, String value, String why) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(variable, value));
    env.putIfAbsent("DVDI_VOLUME_NAME", "v");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DvdiEnvironment.parse(env));

    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertTrue(e.getMessage().contains(variable), e.getMessage());
  }

  @Test
  void aDuplicateVolumeIsRefusedComparingAsTheModuleDidIgnoringCase() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DvdiEnvironment.parse(Map.of(
        "DVDI_VOLUME_NAME", "Data", "DVDI_VOLUME_NAME2", "data")));

    assertEquals("Duplicate DVDI volume 'rexray/data' in DVDI_VOLUME_NAME and DVDI_VOLUME_NAME2", e.getMessage());
  }

  @Test
  void variablesForAVolumeWithoutNameAreRefusedRatherThanIgnored() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DvdiEnvironment.parse(Map.of("DVDI_VOLUME_DRIVER2", "local")));

    assertEquals("DVDI_VOLUME_DRIVER2 set but DVDI_VOLUME_NAME2 is not", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tmp/dvdi-test-not-yet-there", "/usr"})
  void containerPathsUnderTmpMayNotExistYetOthersMust(String path) {
    assertEquals(path, DvdiEnvironment.parse(Map.of("DVDI_VOLUME_NAME", "v", "DVDI_VOLUME_CONTAINERPATH", path))
        .get(0).request().containerPath());
  }

  @Test
  void aNameMadeOfDigitsIsAccepted() {
    assertEquals("123", DvdiEnvironment.parse(Map.of("DVDI_VOLUME_NAME", "123")).get(0).request().name());
  }
}
