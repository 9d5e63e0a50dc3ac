package io.dvdcli.examples.mesos.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dvdcli.testsupport.mesos.AgentVolume;
import java.util.Map;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.Test;

class MesosVolumesTest {

  @Test
  void aVolumeBecomesADockerVolumeSourceWithItsDriverOptions() {
    Volume volume = MesosVolumes.toMesos(
        new TaskVolume("rexray", "db", Map.of("size", "10"), "data", VolumeMode.RO));
    assertEquals("data", volume.getContainerPath());
    assertEquals(Volume.Mode.RO, volume.getMode());
    assertEquals(Volume.Source.Type.DOCKER_VOLUME, volume.getSource().getType());
    Volume.Source.DockerVolume docker = volume.getSource().getDockerVolume();
    assertEquals("rexray", docker.getDriver());
    assertEquals("db", docker.getName());
    assertEquals("size", docker.getDriverOptions().getParameter(0).getKey());
    assertEquals("10", docker.getDriverOptions().getParameter(0).getValue());
  }

  @Test
  void noOptionsLeavesDriverOptionsUnset() {
    Volume volume = MesosVolumes.toMesos(new TaskVolume("local", "v", Map.of(), "data", VolumeMode.RW));
    assertFalse(volume.getSource().getDockerVolume().hasDriverOptions());
  }

  @Test
  void theAgentSideReadsBackWhatTheFrameworkWrote() {
    TaskVolume spec = new TaskVolume("local", "v", Map.of("a", "1", "b", "2"), "x/data", VolumeMode.RW);
    // The agent side is test-support's stand-in agent, which reads volumes as the Mesos agent does.
    AgentVolume read = AgentVolume.fromMesos(MesosVolumes.toMesos(spec));
    assertEquals(spec, new TaskVolume(read.driver(), read.name(), read.options(), read.containerPath(),
        read.mode() == Volume.Mode.RO ? VolumeMode.RO : VolumeMode.RW));
  }

  @Test
  void aHostPathVolumeIsNotAnExternalVolume() {
    Volume hostPath = Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW).setHostPath("/tmp").build();
    assertThrows(IllegalArgumentException.class, () -> AgentVolume.fromMesos(hostPath));
  }
}
