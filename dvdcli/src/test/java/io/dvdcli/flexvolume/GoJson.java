package io.dvdcli.flexvolume;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code json.Marshal} of a Go {@code map[string]string}, as kubelet writes the options argument
 * (driver-call.go AppendSpec): keys sorted by their UTF-8 bytes, no spaces, and Go's escaping —
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \\u} escapes (HTML-safe by default),
 * control characters as {@code \\n}, {@code \\r}, {@code \\t} or {@code \\u00XX}.
 */
final class GoJson {
  private GoJson() {}

  static String marshal(Map<String, String> map) {
    Map<byte[], String> sorted = new TreeMap<>(Arrays::compareUnsigned);
    map.forEach((k, v) -> sorted.put(k.getBytes(StandardCharsets.UTF_8), v));
    StringBuilder out = new StringBuilder("{");
    sorted.forEach((key, value) -> {
      if (out.length() > 1) {
        out.append(',');
      }
      string(out, new String(key, StandardCharsets.UTF_8));
      out.append(':');
      string(out, value);
    });
    return out.append('}').toString();
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
