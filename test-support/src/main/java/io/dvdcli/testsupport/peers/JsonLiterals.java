package io.dvdcli.testsupport.peers;

import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON literals (a quoted string, an array of strings) written from Java values: just enough for
 * plugin configs and request bodies. The peers use no JSON library (Jackson is an optional
 * dependency here, for the Mesos stand-in only, so dvdcli's tests need not carry it).
 */
final class JsonLiterals {
  private JsonLiterals() {}

  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String array(List<String> values) {
    return values.stream().map(JsonLiterals::quote).collect(Collectors.joining(", ", "[", "]"));
  }
}
