package io.dvdcli.shim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.shim.VolumeRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeArgumentTest {
  @Test
  void aFullSpecBecomesARequest() {
    VolumeRequest request = VolumeArgument.parse(
        "driver=rexray/ebs:latest,name=vol1,container-path=/data,mode=ro,explicit-create,opt=size=5,opt=type=gp2");

    assertEquals(new VolumeRequest("rexray/ebs:latest", "vol1", Map.of("size", "5", "type", "gp2"), "/data",
        VolumeRequest.Mode.RO, true), request);
    assertEquals(List.of("size", "type"), List.copyOf(request.options().keySet()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"name=v", "driver=d", "driver=d,name=v,mode=rx", "driver=d,name=v,colour=red",
      "driver=d,name=v,opt=novalue", "driver=d,name="})
  void incompleteOrUnknownSpecsAreRefused(String spec) {
    assertThrows(IllegalArgumentException.class, () -> VolumeArgument.parse(spec));
  }

  @Test
  void theJsonFormIsMesosDockerVolumesWithParameters() {
    byte[] json = ("{\"volumes\":[{\"driver\":\"rexray\",\"name\":\"123\",\"options\":{\"parameter\":"
        + "[{\"key\":\"b\",\"value\":\"2\"},{\"key\":\"a\",\"value\":\"1\"}]},\"container_path\":\"data\","
        + "\"mode\":\"RO\",\"explicit_create\":true}]}").getBytes(StandardCharsets.UTF_8);

    VolumeRequest request = VolumesFile.parse(json, "test").get(0);

    assertEquals("123", request.name());
    assertEquals(List.of("b", "a"), List.copyOf(request.options().keySet()));
    assertEquals("data", request.containerPath());
    assertTrue(request.explicitCreate());
  }

  @Test
  void aMisspeltJsonFieldIsRefusedRatherThanIgnored() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VolumesFile.parse(
        "{\"volumes\":[{\"driver\":\"d\",\"name\":\"v\",\"containerpath\":\"x\"}]}".getBytes(StandardCharsets.UTF_8), "f"));

    assertTrue(e.getMessage().startsWith("Failed to parse volumes JSON 'f': Unrecognized field \"containerpath\""),
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "10m,PT10M", "120,PT2M"})
  void durationsTakeAUnit(String text, String expected) {
    assertEquals(Duration.parse(expected), new DurationConverter().convert(text));
  }
}
