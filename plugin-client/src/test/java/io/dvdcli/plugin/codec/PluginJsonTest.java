package io.dvdcli.plugin.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dvdcli.protocol.ActivateResponse;
import io.dvdcli.protocol.CapabilitiesResponse;
import io.dvdcli.protocol.CreateRequest;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.protocol.GetResponse;
import io.dvdcli.protocol.ListResponse;
import io.dvdcli.protocol.MountRequest;
import io.dvdcli.protocol.MountpointResponse;
import io.dvdcli.protocol.VolumeEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginJsonTest {

  private static <T> T read(String json, Class<T> type) throws JsonProcessingException {
    return PluginJson.MAPPER.readValue(json, type);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Mountpoint\":\"/v\",\"Err\":\"\"}",
        "{\"mountpoint\":\"/v\"}",
        "{\"MOUNTPOINT\":\"/v\",\"extra\":{\"a\":[1,2]}}"
      })
  void fieldNamesMatchCaseInsensitivelyAndUnknownFieldsAreIgnoredAsGoDoes(String json)
      throws Exception {
    assertEquals("/v", read(json, MountpointResponse.class).mountpoint());
  }

  @Test
  void rexRaysErrorFieldIsReadAsErr() throws Exception {
    assertEquals("boom", read("{\"Error\":\"boom\"}", ErrorResponse.class).err());
    assertEquals("", read("{\"Error\":\"\"}", ErrorResponse.class).err());
    assertEquals("x", read("{\"err\":\"x\"}", ErrorResponse.class).err());
  }

  @Test
  void aGetAnswerWithoutVolumeHasNullVolume() throws Exception {
    assertNull(read("{}", GetResponse.class).volume());
    assertNull(read("{\"Volume\":null,\"Err\":\"\"}", GetResponse.class).volume());
  }

  @Test
  void aVolumeWithoutMountpointIsStillAVolume() throws Exception {
    VolumeEntry v = read("{\"Volume\":{\"Name\":\"v1\"}}", GetResponse.class).volume();
    assertEquals("v1", v.name());
    assertNull(v.mountpoint());
  }

  @Test
  void aListAnswerWithoutVolumesIsEmpty() throws Exception {
    assertEquals(List.of(), read("{\"Err\":\"\"}", ListResponse.class).volumes());
  }

  @Test
  void activateListsTheImplementedSubsystems() throws Exception {
    ActivateResponse a = read("{\"Implements\":[\"VolumeDriver\",\"NetworkDriver\"]}", ActivateResponse.class);
    assertEquals(List.of("VolumeDriver", "NetworkDriver"), a.implementsList());
    assertEquals(
        "{\"Implements\":[\"VolumeDriver\"]}",
        PluginJson.MAPPER.writeValueAsString(ActivateResponse.volumeDriver()));
  }

  @Test
  void requestsUseTheProtocolsFieldNames() throws Exception {
    assertEquals(
        "{\"Name\":\"v\",\"Opts\":{\"size\":\"5\"}}",
        PluginJson.MAPPER.writeValueAsString(new CreateRequest("v", Map.of("size", "5"))));
    assertEquals(
        "{\"Name\":\"v\",\"ID\":\"abc\"}",
        PluginJson.MAPPER.writeValueAsString(new MountRequest("v", "abc")));
    assertEquals("{\"Name\":\"v\",\"Opts\":{}}",
        PluginJson.MAPPER.writeValueAsString(new CreateRequest("v", null)));
  }

  @Test
  void aVolumeOfTheWrongJsonTypeIsAnError() {
    assertThrows(JsonProcessingException.class, () -> read("{\"Volume\":[]}", GetResponse.class));
  }

  @Test
  void capabilitiesScopeIsRead() throws Exception {
    assertEquals(
        "global",
        read("{\"Capabilities\":{\"Scope\":\"global\"}}", CapabilitiesResponse.class)
            .capabilities()
            .scope());
  }
}
