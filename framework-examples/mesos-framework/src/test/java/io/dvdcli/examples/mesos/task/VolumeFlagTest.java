package io.dvdcli.examples.mesos.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeFlagTest {

  @Test
  void readsDriverNamePathModeAndOptionsInOrder() {
    TaskVolume volume = VolumeFlag.parse("driver=rexray,name=db,path=data,mode=ro,opt=size=10,opt=a=b=c");
    assertEquals(new TaskVolume("rexray", "db", Map.of("size", "10", "a", "b=c"), "data", VolumeMode.RO), volume);
    assertEquals(java.util.List.of("size", "a"), java.util.List.copyOf(volume.options().keySet()));
  }

  @Test
  void theModeDefaultsToReadWrite() {
    assertEquals(VolumeMode.RW, VolumeFlag.parse("driver=local,name=v,path=data").mode());
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(delimiter = '|', value = {
      "name=v,path=data              | volume driver must not be empty",
      "driver=local,path=data        | volume name must not be empty",
      "driver=local,name=v           | volume container path must not be empty",
      "driver=local,name=v,path=d,mode=rx | volume mode must be RW or RO",
      "driver=local,name=v,path=d,size=1  | unknown volume field 'size'",
      "driver=local,name=v,path=d,opt=novalue | volume option 'novalue' is not KEY=VALUE",
      "driver=local,name=v,path=d,junk | volume field 'junk' is not KEY=VALUE"})
  void refusesIncompleteOrUnknownFields(String flag, String message) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> VolumeFlag.parse(flag));
    assertTrue(error.getMessage().startsWith(message), error.getMessage());
  }

  /** The agent keeps options in a hash map (isolator.cpp:406-412, Mesos 1.11.0): one value per key. */
  @Test
  void anOptionKeyGivenTwiceIsRefusedSinceTheAgentKeepsOneValue_isolatorCpp407() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> VolumeFlag.parse("driver=rexray,name=db,path=data,opt=size=1,opt=size=2"));
    assertEquals("volume option 'size' is given twice (the agent keeps one value per key)", error.getMessage());
  }
}
