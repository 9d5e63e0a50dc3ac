package io.dvdcli.plugin.codec;

import io.dvdcli.protocol.CreateRequest;
import io.dvdcli.protocol.MountRequest;
import io.dvdcli.protocol.VolumeNameRequest;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Writes request bodies byte for byte as Jackson's generator writes them (WireCodecTest compares
 * both), without loading Jackson on a call's hot path: {@code "} and {@code \} escaped, control
 * characters and surrogates (paired or not) as backslash escapes, everything else as UTF-8. An
 * unknown request is left to Jackson ({@code null}), which refuses it.
 */
final class WireWriter {
  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
  private boolean first = true;

  private WireWriter() {}

  static byte[] write(Object request) {
    WireWriter w = new WireWriter();
    w.out.write('{');
    if (request instanceof CreateRequest c) {
      w.field("Name", c.name());
      w.name("Opts");
      w.out.write('{');
      w.first = true;
      for (Map.Entry<String, String> e : c.opts().entrySet()) {
        w.field(e.getKey(), e.getValue());
      }
      w.out.write('}');
    } else if (request instanceof VolumeNameRequest n) {
      w.field("Name", n.name());
    } else if (request instanceof MountRequest m) {
      w.field("Name", m.name());
      w.field("ID", m.id());
    } else if (!(request instanceof Map<?, ?> map && map.isEmpty())) {
      return null;
    }
    w.out.write('}');
    return w.out.toByteArray();
  }

  /** {@code "name":"value"}, skipped when the value is null (as the mapper's records are written). */
  private void field(String name, String value) {
    if (value != null) {
      name(name);
      string(value);
    }
  }

  private void name(String name) {
    if (!first) {
      out.write(',');
    }
    first = false;
    string(name);
    out.write(':');
  }

  private void string(String s) {
    out.write('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' || c == '\\') {
        out.write('\\');
        out.write(c);
      } else if (c >= 0x20 && c < 0x80) {
        out.write(c);
      } else if (c < 0x20) {
        control(c);
      } else if (c < 0x800) {
        out.write(0xC0 | (c >> 6));
        out.write(0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        out.write('\\');
        hex(c); // Jackson escapes surrogates, paired or lone, rather than join a pair into UTF-8
      } else {
        out.write(0xE0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      }
    }
    out.write('"');
  }

  private void control(char c) {
    out.write('\\');
    switch (c) {
      case '\b' -> out.write('b');
      case '\t' -> out.write('t');
      case '\n' -> out.write('n');
      case '\f' -> out.write('f');
      case '\r' -> out.write('r');
      default -> hex(c);
    }
  }

  /** {@code u} and four upper-case hex digits. */
  private void hex(char c) {
    out.write('u');
    for (int shift = 12; shift >= 0; shift -= 4) {
      out.write(HEX[(c >> shift) & 0xF]);
    }
  }
}
