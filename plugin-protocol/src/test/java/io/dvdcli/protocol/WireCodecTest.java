package io.dvdcli.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming codec must decode every answer exactly as the databind mapper does (same record, or
 * both refuse it), and write the same request bytes.
 */
class WireCodecTest {
  static final List<Class<? extends PluginAnswer>> ANSWERS = List.of(ActivateResponse.class, ErrorResponse.class,
      MountpointResponse.class, GetResponse.class, ListResponse.class, CapabilitiesResponse.class);

  /** The mapper's verdict and the codec's, as comparable strings: the record, or "refused". */
  static void assertSameAsMapper(byte[] json) {
    for (Class<? extends PluginAnswer> type : ANSWERS) {
      Object expected;
      try {
        expected = PluginJson.MAPPER.readValue(json, type);
      } catch (Exception refused) {
        expected = "refused";
      }
      Object actual;
      try {
        actual = WireCodec.decode(json, type);
      } catch (Exception refused) {
        actual = "refused";
      }
      assertEquals(expected, actual, () -> type.getSimpleName() + " of " + new String(json, StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "null", "[]", "\"x\"", "5", "{}", "{", "{\"Err\":\"\"}", "{\"Error\":\"boom\"}", 
      "{\"Err\":5}", "{\"Err\":true}", "{\"Err\":{}}", "{\"Err\":[]}", "{\"Err\":null}",
      "{\"Implements\":[\"VolumeDriver\",\"NetworkDriver\"]}", "{\"implements\":\"VolumeDriver\"}",
      "{\"Implements\":null}", "{\"Implements\":[null]}", "{\"Implements\":[1,true]}", "{\"Implements\":[[]]}",
      "{\"Mountpoint\":\"/v\"}", "{\"MOUNTPOINT\":\"/v\",\"extra\":{\"a\":[1,{\"b\":null}]}}", "{\"Mountpoint\":5}",
      "{\"Mountpoint\":5.5}", "{\"Mountpoint\":{}}", "{\"Mountpoint\":\"/a\",\"Mountpoint\":\"/b\"}",
      "{\"Volume\":{\"Name\":\"v1\"}}", "{\"Volume\":{}}", "{\"Volume\":null}", "{\"Volume\":[]}", "{\"Volume\":\"v\"}",
      "{\"Volume\":{\"Name\":\"v\",\"Mountpoint\":\"/m\",\"CreatedAt\":\"t\",\"Status\":{\"a\":1,\"b\":[true,2.5,null,\"s\"],\"c\":{\"d\":12345678901234}}}}",
      "{\"Volume\":{\"Name\":\"v\",\"Status\":null}}", "{\"Volume\":{\"Name\":\"v\",\"Status\":[]}}", "{\"Volume\":{\"Name\":\"v\",\"Status\":\"s\"}}",
      "{\"Volumes\":[{\"Name\":\"a\"},null,{\"Name\":\"b\",\"Mountpoint\":\"/b\"}]}", "{\"Volumes\":null}", "{\"Volumes\":{}}",
      "{\"Volumes\":[\"a\"]}", "{\"Capabilities\":{\"Scope\":\"global\"}}", "{\"Capabilities\":null}", "{\"Capabilities\":[]}",
      "{\"capabilities\":{\"scope\":5,\"x\":1}}", "{\"Mountpoint\":\"/v\"} trailing", "{\"Mountpoint\":\"/v\\u0000\"}",
      "{\"Mountpoint\":\"\\ud800\"}", "{\"Mountpoint\":\"/v\"", "{\"a\":[[[[[[[[[[]]]]]]]]]]}"})
  void everyAnswerDecodesExactlyAsTheMapperDecodesIt(String json) {
    assertSameAsMapper(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"err\":\"a\",\"ERROR\":\"b\"}", "{\"Err\":\"a\",\"err\":\"b\"}", "{\"Error\":\"a\",\"ERROR\":\"b\"}"})
  void anErrGivenTwiceKeepsTheLastLikeAnyRepeatedKey(String json) throws Exception {
    for (Class<? extends PluginAnswer> type : ANSWERS) {
      assertEquals("b", WireCodec.decode(json.getBytes(StandardCharsets.UTF_8), type).err(), type::getSimpleName);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {999, 1001, 5000})
  void deepNestingIsHandledAsTheMapperHandlesIt(int depth) {
    String deep = "[".repeat(depth) + "]".repeat(depth);
    assertSameAsMapper(("{\"X\":" + deep + ",\"Mountpoint\":\"/v\"}").getBytes(StandardCharsets.UTF_8));
    assertSameAsMapper(("{\"Volume\":{\"Name\":\"v\",\"Status\":{\"s\":" + deep + "}}}").getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v", "", "a\"b\\c\u0001é"})
  void requestsAreTheBytesTheMapperWrites(String name) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("size", "5");
    opts.put("o", "addr=1.2.3.4,rw");
    opts.put(name + "k", name);
    for (Object request : List.of(new CreateRequest(name, opts), new CreateRequest(name, null), new VolumeNameRequest(name),
        new MountRequest(name, "id-1"), new MountRequest(name, null), Map.of())) {
      assertArrayEquals(PluginJson.MAPPER.writeValueAsBytes(request), WireCodec.encode(request), request::toString);
    }
  }
}
