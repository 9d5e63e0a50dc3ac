package io.dvdcli.plugin.codec;

import io.dvdcli.protocol.ActivateResponse;
import io.dvdcli.protocol.CapabilitiesResponse;
import io.dvdcli.protocol.GetResponse;
import io.dvdcli.protocol.ListResponse;
import io.dvdcli.protocol.MountpointResponse;
import io.dvdcli.protocol.PluginAnswer;
import io.dvdcli.protocol.VolumeEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the answers working plugins send — a well-formed JSON object of strings, lists and plain
 * values — without Jackson, and leaves everything else to {@link JacksonWire} by returning
 * {@code null}: malformed or truncated JSON, a root that is not an object, trailing bytes, a number
 * or boolean where a string belongs, invalid or unusual UTF-8, long numbers, deep nesting. So every
 * refusal and every edge case is still Jackson's, and what this reads it reads as Jackson does
 * (WireCodecTest and the answer fuzzer compare both with the mapper).
 *
 * <p>Why not Jackson on the hot path too: a dvdcli call is a short-lived process, and on JDK 24+
 * the first Jackson parser initialises BigDecimal, whose class initialiser now computes 5^65536
 * (JDK-8341470), interpreted (a start-up seam: see {@link io.dvdcli.startup}).
 */
final class WireReader {
  /** Deeper than any plugin answer needs; Jackson's own limit (1000) decides beyond it. */
  static final int MAX_DEPTH = 64;
  /** Numbers longer than this go to Jackson, which enforces its length limits on them. */
  static final int MAX_NUMBER_CHARS = 64;
  /** Jackson limits names (50,000) and strings; what is longer than this goes to it. */
  static final int MAX_NAME_CHARS = 1024;
  static final int MAX_ANSWER_BYTES = 1 << 20;

  /** Not an error: "this is for Jackson to read". Thrown without a stack trace. */
  private static final class Defer extends RuntimeException {
    Defer() {
      super(null, null, false, false);
    }
  }

  private static final Defer DEFER = new Defer();

  private final byte[] b;
  private int i;
  private int depth;

  private WireReader(byte[] json) {
    this.b = json;
  }

  /** The answer, or {@code null} when Jackson must read it (a JSON {@code null} root included). */
  static <T extends PluginAnswer> T read(byte[] json, Class<T> type) {
    if (json.length > MAX_ANSWER_BYTES) {
      return null;
    }
    WireReader r = new WireReader(json);
    try {
      r.skipSpace();
      Object answer = r.answer(type);
      r.skipSpace();
      if (r.i != json.length) {
        return null;
      }
      return type.cast(answer);
    } catch (Defer | ArrayIndexOutOfBoundsException e) {
      return null; // out of bounds: the answer ended early, which Jackson reports in its words
    }
  }

  private Object answer(Class<?> type) {
    AnswerFields f = new AnswerFields();
    boolean errSeen = false;
    for (boolean more = startObject(); more; more = nextField()) {
      String name = fieldName().toLowerCase(Locale.ROOT);
      if (name.equals("err") || name.equals("error")) {
        if (errSeen) {
          throw DEFER; // an Err given twice is Jackson's to decide, as every unusual answer is
        }
        errSeen = true;
        f.err = stringOrNull();
      } else if (name.equals("mountpoint") && type == MountpointResponse.class) {
        f.mountpoint = stringOrNull();
      } else if (name.equals("implements") && type == ActivateResponse.class) {
        f.implementsList = strings();
      } else if (name.equals("volume") && type == GetResponse.class) {
        f.volume = literal("null") ? null : volume();
      } else if (name.equals("volumes") && type == ListResponse.class) {
        f.volumes = volumeList();
      } else if (name.equals("capabilities") && type == CapabilitiesResponse.class) {
        f.capabilities = literal("null") ? null : capabilities();
      } else {
        value();
      }
    }
    return f.answer(type);
  }

  private VolumeEntry volume() {
    String name = null;
    String mountpoint = null;
    String createdAt = null;
    Map<String, Object> status = null;
    for (boolean more = startObject(); more; more = nextField()) {
      switch (fieldName().toLowerCase(Locale.ROOT)) {
        case "name" -> name = stringOrNull();
        case "mountpoint" -> mountpoint = stringOrNull();
        case "createdat" -> createdAt = stringOrNull();
        case "status" -> status = literal("null") ? null : object();
        default -> value();
      }
    }
    return new VolumeEntry(name, mountpoint, createdAt, status);
  }

  private List<VolumeEntry> volumeList() {
    if (literal("null")) {
      return null;
    }
    List<VolumeEntry> out = new ArrayList<>();
    for (boolean more = startArray(); more; more = nextElement()) {
      out.add(literal("null") ? null : volume());
    }
    return out;
  }

  private CapabilitiesResponse.Capabilities capabilities() {
    String scope = null;
    for (boolean more = startObject(); more; more = nextField()) {
      if (fieldName().toLowerCase(Locale.ROOT).equals("scope")) {
        scope = stringOrNull();
      } else {
        value();
      }
    }
    return new CapabilitiesResponse.Capabilities(scope);
  }

  private List<String> strings() {
    if (literal("null")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (boolean more = startArray(); more; more = nextElement()) {
      out.add(string()); // a null or a number in the list: Jackson's case
    }
    return out;
  }

  /** A string field; anything but a string or null (which Jackson coerces or refuses) is deferred. */
  private String stringOrNull() {
    return literal("null") ? null : string();
  }

  /** Free-form JSON (a volume's Status), as the mapper reads it into a {@code Map<String, Object>}. */
  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (boolean more = startObject(); more; more = nextField()) {
      String field = fieldName();
      out.put(field, value());
    }
    return out;
  }

  private Object value() {
    int c = b[i] & 0xff;
    switch (c) {
      case '{':
        return object();
      case '[': {
        List<Object> list = new ArrayList<>();
        for (boolean more = startArray(); more; more = nextElement()) {
          list.add(value());
        }
        return list;
      }
      case '"':
        return string();
      case 't':
        return literalOrDefer("true", Boolean.TRUE);
      case 'f':
        return literalOrDefer("false", Boolean.FALSE);
      case 'n':
        return literalOrDefer("null", null);
      default:
        return number();
    }
  }

  // ---- structure: each call leaves i on the next significant byte ----

  /** At '{': true if a field follows, false for an empty object. */
  private boolean startObject() {
    return start('{', '}');
  }

  /** After a field's value: true if another field follows, false at '}'. */
  private boolean nextField() {
    return next('}'); // fieldName() then insists on the '"' (a trailing comma is Jackson's to refuse)
  }

  /** A field's name and its ':'; leaves i on the value. */
  private String fieldName() {
    String name = string();
    if (name.length() > MAX_NAME_CHARS) {
      throw DEFER;
    }
    skipSpace();
    expect(':');
    skipSpace();
    return name;
  }

  private boolean startArray() {
    return start('[', ']');
  }

  private boolean nextElement() {
    return next(']');
  }

  private boolean start(char open, char close) {
    expect(open);
    enter();
    skipSpace();
    if (b[i] == close) {
      i++;
      depth--;
      return false;
    }
    return true;
  }

  private boolean next(char close) {
    skipSpace();
    if (b[i] == ',') {
      i++;
      skipSpace();
      return true;
    }
    expect(close);
    depth--;
    return false;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw DEFER;
    }
  }

  private void expect(char c) {
    if (b[i] != c) {
      throw DEFER;
    }
    i++;
  }

  /** JSON's four white-space bytes, and no others (as Jackson). */
  private void skipSpace() {
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
  }

  /** True, past it, if the literal is here and ends where a value may end. */
  private boolean literal(String word) {
    int n = word.length();
    if (i + n > b.length) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    if (i + n < b.length && !endsValue(b[i + n])) {
      throw DEFER; // e.g. "nullx": Jackson names the bad token
    }
    i += n;
    return true;
  }

  private Object literalOrDefer(String word, Object value) {
    if (!literal(word)) {
      throw DEFER;
    }
    return value;
  }

  private static boolean endsValue(byte c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  // ---- scalars ----

  /** A JSON number read as the mapper reads it into an Object: Integer, Long or Double. */
  private Object number() {
    int start = i;
    if (b[i] == '-') {
      i++;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      digits();
    } else {
      throw DEFER;
    }
    boolean integral = true;
    if (i < b.length && b[i] == '.') {
      i++;
      digits();
      integral = false;
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (b[i] == '+' || b[i] == '-') {
        i++;
      }
      digits();
      integral = false;
    }
    int length = i - start;
    if (length > MAX_NUMBER_CHARS || (i < b.length && !endsValue(b[i]))) {
      throw DEFER;
    }
    String text = new String(b, start, length, StandardCharsets.ISO_8859_1);
    if (integral) {
      if (length > 18) {
        throw DEFER; // Long or BigInteger by Jackson's rules
      }
      long v = Long.parseLong(text);
      return v == (int) v ? (Object) (int) v : (Object) v;
    }
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d) || Double.isNaN(d)) {
      throw DEFER;
    }
    return d;
  }

  /** One or more ASCII digits. */
  private void digits() {
    if (b[i] < '0' || b[i] > '9') {
      throw DEFER;
    }
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
  }

  /** A JSON string: the standard escapes and well-formed UTF-8; anything else goes to Jackson. */
  private String string() {
    expect('"');
    int start = i;
    while (true) { // the common case: printable ASCII, no escapes
      byte c = b[i];
      if (c == '"') {
        i++;
        return new String(b, start, i - 1 - start, StandardCharsets.ISO_8859_1);
      }
      if (c == '\\' || c < 0x20) { // negative: a UTF-8 lead or continuation byte
        break;
      }
      i++;
    }
    StringBuilder s = new StringBuilder(i - start + 16).append(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
    while (true) {
      int c = b[i++] & 0xff;
      if (c == '"') {
        return s.toString();
      } else if (c == '\\') {
        escape(s);
      } else if (c < 0x20) {
        throw DEFER; // a raw control character: Jackson refuses it
      } else if (c < 0x80) {
        s.append((char) c);
      } else {
        s.appendCodePoint(utf8(c));
      }
    }
  }

  private void escape(StringBuilder s) {
    int c = b[i++];
    switch (c) {
      case '"', '\\', '/' -> s.append((char) c);
      case 'b' -> s.append('\b');
      case 'f' -> s.append('\f');
      case 'n' -> s.append('\n');
      case 'r' -> s.append('\r');
      case 't' -> s.append('\t');
      case 'u' -> {
        int v = 0;
        for (int k = 0; k < 4; k++) {
          int h = Character.digit(b[i++], 16);
          if (h < 0) {
            throw DEFER;
          }
          v = (v << 4) | h;
        }
        s.append((char) v); // a lone surrogate too, as Jackson keeps it
      }
      default -> throw DEFER;
    }
  }

  /** The code point of a well-formed UTF-8 sequence whose lead byte was just read. */
  private int utf8(int lead) {
    int cp;
    int more;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      cp = lead & 0x1F;
      more = 1;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      cp = lead & 0x0F;
      more = 2;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      cp = lead & 0x07;
      more = 3;
      min = 0x10000;
    } else {
      throw DEFER;
    }
    for (int k = 0; k < more; k++) {
      int c = b[i++] & 0xff;
      if ((c & 0xC0) != 0x80) {
        throw DEFER;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw DEFER; // overlong, out of range or an encoded surrogate
    }
    return cp;
  }
}
