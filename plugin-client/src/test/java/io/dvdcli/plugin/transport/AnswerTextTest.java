package io.dvdcli.plugin.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.plugin.codec.PluginJson;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An error answer's message is read by the client's codec when it is the usual {@code {"Err":"..."}}
 * and by the mapper otherwise; either way it is the message the mapper alone gave (the oracle below
 * is that reading, as it was before the codec took the usual case).
 */
class AnswerTextTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"Err\":\"volume not found\"}\n",
      "{\"Err\":\"volume not found\"}",
      "{\"err\":\"lower case\"}",
      "{\"ERROR\":\"REX-Ray's name in capitals\"}",
      "{\"Error\":\"REX-Ray's name\"}",
      "{\"Mountpoint\":\"/x\",\"Err\":\"after another field\"}",
      "{\"Err\":\"\"}",
      "{\"Err\":\"   \"}",
      "{\"Err\":\"line one\\nline two\\ttabbed\"}",
      "{\"Err\":\"\\u0000\\u001b[2K escapes\"}",
      "{\"Err\":\"first\",\"Error\":\"second\"}",
      "{\"Error\":\"first\",\"Err\":\"second\"}",
      "{\"Err\":null}",
      "{\"Err\":5}",
      "{\"Err\":true}",
      "{\"Err\":{\"code\":7}}",
      "{\"Err\":[\"a\",\"b\"]}",
      "{\"Err\":\"x\"} trailing",
      "{\"Message\":\"no Err at all\"}",
      "\uFEFF{\"Err\":\"after a byte order mark\"}",
      "[\"not an object\"]",
      "\"a string\"",
      "404 page not found\n",
      "<html><head><title>502 Bad Gateway</title></head></html>",
      "{\"Err\":\"unterminated"})
  void theMessageIsTheOneTheMapperAloneGave(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertEquals(mapperReading(bytes), AnswerText.errorMessage(bytes), body);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 299, 300, 301, 5000})
  void aLongMessageIsCutAlike(int length) {
    byte[] bytes = ("{\"Err\":\"" + "x".repeat(length) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertEquals(mapperReading(bytes), AnswerText.errorMessage(bytes));
  }

  /** The reading before the codec took the usual case: the first Err/Error of a JSON object. */
  private static String mapperReading(byte[] body) {
    if (body.length == 0) {
      return "(empty body)";
    }
    try {
      JsonNode node = PluginJson.MAPPER.readTree(body);
      if (node != null && node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (field.getKey().equalsIgnoreCase("Err") || field.getKey().equalsIgnoreCase("Error")) {
            JsonNode v = field.getValue();
            return AnswerText.errText(v.isTextual() ? v.asText() : v.toString());
          }
        }
      }
    } catch (Exception notJson) {
      // text
    }
    return AnswerText.describeBody(body);
  }
}
