package io.dvdcli.flexvolume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code json.Marshal} of a Go {@code map[string]string}, as kubelet writes the options argument
 * (driver-call.go AppendSpec): keys sorted by their UTF-8 bytes, no spaces, and Go's escaping
 * (encoding/json encode.go): {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \\u}
 * escapes (HTML-safe by default); {@code \\b \\f \\n \\r \\t} short (Go 1.22 and later), other
 * control characters as {@code \\u00xx}, hex in lower case.
 */
final class GoJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setCharacterEscapes(new GoEscapes());
  }

  private GoJson() {}

  static String marshal(Map<String, String> map) {
    Map<byte[], String> byBytes = new TreeMap<>(Arrays::compareUnsigned);
    map.forEach((k, v) -> byBytes.put(k.getBytes(StandardCharsets.UTF_8), v));
    Map<String, String> sorted = new LinkedHashMap<>();
    byBytes.forEach((k, v) -> sorted.put(new String(k, StandardCharsets.UTF_8), v));
    try {
      return MAPPER.writeValueAsString(sorted);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  private static final class GoEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    GoEscapes() {
      // Go writes lower-case hex (Jackson upper): every \\u escape is made here.
      for (int c = 0; c < 0x20; c++) {
        if ("\b\f\n\r\t".indexOf(c) < 0) {
          ascii[c] = ESCAPE_CUSTOM;
        }
      }
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch < 0x80 || ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
