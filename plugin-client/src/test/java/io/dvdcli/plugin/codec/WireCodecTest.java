package io.dvdcli.plugin.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.dvdcli.protocol.ActivateResponse;
import io.dvdcli.protocol.CapabilitiesResponse;
import io.dvdcli.protocol.CreateRequest;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.protocol.GetResponse;
import io.dvdcli.protocol.ListResponse;
import io.dvdcli.protocol.MountRequest;
import io.dvdcli.protocol.MountpointResponse;
import io.dvdcli.protocol.PluginAnswer;
import io.dvdcli.protocol.VolumeNameRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

  /** Aimed at WireReader's edges: each either read as the mapper reads it, or left to Jackson. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"Mountpoint\":\"/a\\n\\t\\r\\b\\f\\/\\\\\\\"\\u00e9\\u00E9\\ud83d\\ude00\"}", "{\"Mountpoint\":\"/v\\x\"}",
      "{\"Mountpoint\":\"/v\\u12\"}", "{\"Mountpoint\":\"/v\\u12g4\"}", "{\"Mountpoint\":\"caf\u00e9 \u20ac \ud83d\ude00 \u007f\"}",
      "{\"Mountpoint\":\"/v\"}\n", "{\"Mountpoint\":\"/v\"}\f", " \t\r\n{ \t\"Mountpoint\" \n: \r\"/v\" \t} \n",
      "{\"Mountpoint\":\"/v\",}", "{,\"Mountpoint\":\"/v\"}", "{\"Mountpoint\" \"/v\"}", "{\"Mountpoint\":\"/v\" \"x\":1}",
      "{\"Mountpoint\":\"/v\",\"x\":[1,2,]}", "{\"Mountpoint\":\"/v\",\"x\":[,]}", "{\"Mountpoint\":\"/v\",\"x\":[]}",
      "{\"x\":tru,\"Mountpoint\":\"/v\"}", "{\"x\":nullx,\"Mountpoint\":\"/v\"}", "{\"x\":true1}", "{\"x\":null}",
      "{\"Mountpoint\":null}", "{\"Mountpoint\":nul}", "{\"Mountpoint\":false}", "{\"Mountpoint\":-0}", "{\"Mountpoint\":1e5}",
      "{\"x\":01}", "{\"x\":1.}", "{\"x\":.5}", "{\"x\":-}", "{\"x\":+1}", "{\"x\":1e}", "{\"x\":1e+}", "{\"x\":0x10}",
      "{\"x\":NaN}", "{\"x\":Infinity}", "{\"x\":-Infinity}", "{\"x\":1}2", "null", "null ", "nullx", "{}}", "{\"a\":1}}",
      "{\"Volume\":{\"Name\":\"v\",\"Status\":{\"i\":0,\"n\":-0,\"max\":2147483647,\"over\":2147483648,"
          + "\"min\":-2147483648,\"under\":-2147483649,\"l\":123456789012345678,\"l19\":1234567890123456789,"
          + "\"big\":123456789012345678901234567890,\"f\":1.5,\"nz\":-0.0,\"e\":1e5,\"E\":1E-3,\"inf\":1e400,"
          + "\"t\":true,\"fa\":false,\"nu\":null,\"s\":\"\",\"a\":[[],{},[1,[2]]],\"o\":{\"p\":{\"q\":\"r\"}}}}}",
      "{\"Volume\":{\"Name\":\"v\",\"Status\":{\"k\":1,\"k\":2,\"j\":3,\"K\":4}}}",
      "{\"Volume\":{\"NAME\":\"a\",\"name\":\"b\",\"createdAt\":\"t\",\"Extra\":[1,2]}}", "{\"Volume\":{\"Name\":5}}",
      "{\"Volumes\":[{\"Name\":\"a\",\"Status\":{}},null]}", "{\"Volumes\":[{\"Name\":\"a\"},]}", "{\"Volumes\":[null,null]}",
      "{\"Implements\":[]}", "{\"Implements\":[\"VolumeDriver\" , \"x\"]}", "{\"Implements\":[\"a\",null]}",
      "{\"Capabilities\":{\"Scope\":\"local\",\"Other\":{\"x\":[true]}}}", "{\"Capabilities\":{\"Scope\":null}}",
      "{\"ERR\":\"boom\"}", "{\"Error\":null}", "{\"\":\"\"}", "{\"\\u0045rr\":\"escaped name\"}"})
  void edgeCasesOfTheFastReaderDecodeAsTheMapperDecodesThem(String json) {
    assertSameAsMapper(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes that are not well-formed UTF-8, or unusual: the reader leaves them all to Jackson. */
  @ParameterizedTest
  @ValueSource(strings = {"C0 80", "C1 BF", "E0 80 80", "ED A0 80", "ED BF BF", "F0 80 80 80", "F4 90 80 80", "F5 80 80 80",
      "FF", "80", "BF", "C3", "E2 82", "F0 9F 98", "C3 28", "E2 28 A1", "00", "1F", "7F", "EF BB BF"})
  void malformedUtf8IsJacksonsToRead(String hex) {
    byte[] bad = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
    byte[] head = "{\"Mountpoint\":\"/v".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] json = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, json, 0, head.length);
    System.arraycopy(bad, 0, json, head.length, bad.length);
    System.arraycopy(tail, 0, json, head.length + bad.length, tail.length);
    assertSameAsMapper(json);
    byte[] bom = new byte[3 + 16];
    System.arraycopy(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 0, bom, 0, 3);
    System.arraycopy("{\"Err\":\"\"} \t\n\r  ".getBytes(StandardCharsets.US_ASCII), 0, bom, 3, 16);
    assertSameAsMapper(bom);
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64, 65, 1000, 1001, 1024, 1025, 50_000, 50_001})
  void longNamesAndNumbersAreReadAsTheMapperReadsThem(int n) {
    assertSameAsMapper(("{\"" + "n".repeat(n) + "\":1,\"Mountpoint\":\"/v\"}").getBytes(StandardCharsets.UTF_8));
    assertSameAsMapper(("{\"x\":" + "9".repeat(n) + ",\"Mountpoint\":\"/v\"}").getBytes(StandardCharsets.UTF_8));
    assertSameAsMapper(("{\"x\":0." + "5".repeat(n) + ",\"Mountpoint\":\"/v\"}").getBytes(StandardCharsets.UTF_8));
    assertSameAsMapper(("{\"Mountpoint\":\"" + "m".repeat(n) + "\"}").getBytes(StandardCharsets.UTF_8));
    String deep = "[".repeat(Math.min(n, 2000)) + "]".repeat(Math.min(n, 2000));
    assertSameAsMapper(("{\"x\":" + deep + ",\"Mountpoint\":\"/v\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** The point of the fast reader: the answers working plugins send never load Jackson. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"Implements\":[\"VolumeDriver\"]}|ActivateResponse", "{\"Err\":\"\"}|ErrorResponse", "{}|ErrorResponse",
      "{\"Mountpoint\":\"/var/lib/rexray/volumes/v1/data\",\"Err\":\"\"}|MountpointResponse",
      "{\"Err\":\"volume v1 not found\"}|GetResponse",
      "{\"Volume\":{\"Name\":\"v1\",\"Mountpoint\":\"/m\",\"CreatedAt\":\"2026-11-25T02:00:00Z\",\"Status\":{\"size\":5,\"ok\":true}},\"Err\":\"\"}|GetResponse",
      "{\"Volumes\":[{\"Name\":\"a\"},{\"Name\":\"b\",\"Mountpoint\":\"/b\"}],\"Err\":\"\"}|ListResponse",
      "{\"Capabilities\":{\"Scope\":\"global\"}}|CapabilitiesResponse", "{\"Mountpoint\":\"/données/é\"}|MountpointResponse"})
  void plainAnswersAreReadWithoutJackson(String row) throws Exception {
    String[] parts = row.split("\\|");
    byte[] json = parts[0].getBytes(StandardCharsets.UTF_8);
    Class<? extends PluginAnswer> type = ANSWERS.stream().filter(t -> t.getSimpleName().equals(parts[1])).findFirst().orElseThrow();
    PluginAnswer fast = WireReader.read(json, type);
    assertNotNull(fast, parts[0]);
    assertEquals(PluginJson.MAPPER.readValue(json, type), fast);
  }

  /** Every character below U+0800 and a sample above, alone and in company: the mapper's bytes. */
  @Test
  void everyCharacterIsWrittenAsTheMapperWritesIt() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x800; c++) {
      all.append(c);
      String one = "x" + c + "y";
      assertArrayEquals(PluginJson.MAPPER.writeValueAsBytes(new VolumeNameRequest(one)),
          WireCodec.encode(new VolumeNameRequest(one)), () -> "U+" + Integer.toHexString(one.charAt(1)));
    }
    all.append("\u0800\u20ac\uffff\ufffd\ud83d\ude00\udbff\udfff");
    VolumeNameRequest request = new VolumeNameRequest(all.toString());
    assertNotNull(WireWriter.write(request));
    assertArrayEquals(PluginJson.MAPPER.writeValueAsBytes(request), WireCodec.encode(request));
  }

  /** Surrogates, paired or lone, are escaped as the mapper escapes them. */
  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "a\udc00", "\ud83d", "\ude00\ud83d", "x\ud800y"})
  void loneSurrogatesAreWrittenOrRefusedAsTheMapperDoes(String name) {
    Object expected;
    try {
      expected = new String(PluginJson.MAPPER.writeValueAsBytes(new VolumeNameRequest(name)), StandardCharsets.ISO_8859_1);
    } catch (Exception refused) {
      expected = "refused";
    }
    Object actual;
    try {
      actual = new String(WireCodec.encode(new VolumeNameRequest(name)), StandardCharsets.ISO_8859_1);
    } catch (Exception refused) {
      actual = "refused";
    }
    assertEquals(expected, actual);
  }
}
