package io.dvdcli.examples.marathon.translation;

import static io.dvdcli.examples.marathon.TestApps.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.marathon.app.ReadMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.Test;

/** DVDIProvider's option forwarding: what reaches the driver as dvdcli's --volumeopts. */
class DriverOptionsTest {

  @Test
  void dvdiOptionsLoseTheirPrefixAndKeepTheirOrder() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("volumetype", "io1");
    expected.put("iops", "100");
    assertEquals(
        expected,
        DriverOptions.of(
            volume().option("dvdi/volumetype", "io1").option("dvdi/iops", "100").build(0)));
  }

  @Test
  void theDriverItselfIsNotForwardedInAnyCase() {
    assertEquals(
        Map.of(),
        DriverOptions.of(volume().option("dvdi/DRIVER", "x").option("dvdi/Driver", "y").build(0)));
  }

  @Test
  void valuesAreTrimmedButKeysAreNot() {
    assertEquals(
        Map.of("a", "x y"), DriverOptions.of(volume().option("dvdi/a", " \tx y\n ").build(0)));
  }

  @Test
  void optionsOfOtherNamespacesStayWithMarathon() {
    assertEquals(
        Map.of("b", "2"),
        DriverOptions.of(
            volume().option("dcos/a", "1").option("dvdi/b", "2").option("DVDI/c", "3").build(0)));
  }

  @Test
  void externalSizeBecomesTheSizeOptionAndWinsOverDvdiSize() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("size", "100");
    expected.put("iops", "5");
    assertEquals(
        expected,
        DriverOptions.of(
            volume().option("dvdi/size", "5").option("dvdi/iops", "5").size(100L).build(0)));
  }

  @Test
  void aVolumeWithoutOptionsHasNoDriverOptionsFieldAtAll() {
    Protos.Volume volume = DockerVolumeTranslator.toVolume(volume().build(0));
    assertFalse(volume.getSource().getDockerVolume().hasDriverOptions());
  }

  @Test
  void theVolumeCarriesPathModeDriverAndName() {
    Protos.Volume volume =
        DockerVolumeTranslator.toVolume(
            volume()
                .containerPath("/srv")
                .mode(ReadMode.RO)
                .name("n1")
                .option("dvdi/driver", "localvol")
                .option("dvdi/k", "v")
                .build(0));
    assertEquals("/srv", volume.getContainerPath());
    assertEquals(Protos.Volume.Mode.RO, volume.getMode());
    assertEquals(Protos.Volume.Source.Type.DOCKER_VOLUME, volume.getSource().getType());
    Protos.Volume.Source.DockerVolume docker = volume.getSource().getDockerVolume();
    assertEquals("localvol", docker.getDriver());
    assertEquals("n1", docker.getName());
    assertTrue(docker.hasDriverOptions());
    assertEquals(
        List.of(Protos.Parameter.newBuilder().setKey("k").setValue("v").build()),
        docker.getDriverOptions().getParameterList());
  }
}
