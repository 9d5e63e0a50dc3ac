package io.dvdcli.plugin.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dvdcli.protocol.ActivateResponse;
import io.dvdcli.protocol.CapabilitiesResponse;
import io.dvdcli.protocol.CreateRequest;
import io.dvdcli.protocol.GetResponse;
import io.dvdcli.protocol.ListResponse;
import io.dvdcli.protocol.MountRequest;
import io.dvdcli.protocol.MountpointResponse;
import io.dvdcli.protocol.PluginAnswer;
import io.dvdcli.protocol.VolumeEntry;
import io.dvdcli.protocol.VolumeNameRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wire records read and written with Jackson's streaming core: every answer {@link WireReader}
 * leaves to it (anything outside plain, well-formed JSON objects), so each refusal and each edge
 * case is decided by Jackson. It decodes exactly as {@link PluginJson#MAPPER} does — Go's rules
 * (names matched case-insensitively, unknown fields skipped, the last of a repeated key wins,
 * {@code Error} read as {@code Err}) and the mapper's scalar-to-string coercion — which
 * WireCodecTest checks against the mapper on every seed and the fuzzer on any input. One deliberate
 * difference: an {@code Err} given twice (e.g. as {@code Err} and {@code Error}) keeps the last, as
 * any other repeated key does, where the mapper refuses some record types and not others.
 */
final class JacksonWire {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JacksonWire() {}

  /** A request body: CreateRequest, VolumeNameRequest, MountRequest, or an empty map for {@code {}}. */
  static byte[] encode(Object request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      if (request instanceof CreateRequest c) {
        field(g, "Name", c.name());
        g.writeObjectFieldStart("Opts");
        for (Map.Entry<String, String> e : c.opts().entrySet()) {
          field(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
      } else if (request instanceof VolumeNameRequest n) {
        field(g, "Name", n.name());
      } else if (request instanceof MountRequest m) {
        field(g, "Name", m.name());
        field(g, "ID", m.id());
      } else if (!(request instanceof Map<?, ?> map && map.isEmpty())) {
        throw new IllegalArgumentException("not a plugin request: " + request);
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** An answer of the given record type; {@code null} for a JSON {@code null}. */
  static <T extends PluginAnswer> T decode(byte[] json, Class<T> type) throws IOException {
    // A factory per answer: a factory's field-name symbol table outlives a parse, and the fuzzer
    // found a name with invalid UTF-8 accepted or refused depending on the names parsed before it
    // (a table hit skips the UTF-8 check). So each answer's verdict is its own.
    try (JsonParser p = new JsonFactory().createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new JsonParseException(p, "No content to map due to end-of-input");
      }
      if (first == JsonToken.VALUE_NULL) {
        return null;
      }
      requireObject(p);
      return type.cast(answer(p, type));
    }
  }

  private static Object answer(JsonParser p, Class<?> type) throws IOException {
    AnswerFields f = new AnswerFields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName().toLowerCase(Locale.ROOT);
      p.nextToken();
      if (name.equals("err") || name.equals("error")) {
        f.err = string(p);
      } else if (name.equals("mountpoint") && type == MountpointResponse.class) {
        f.mountpoint = string(p);
      } else if (name.equals("implements") && type == ActivateResponse.class) {
        f.implementsList = strings(p);
      } else if (name.equals("volume") && type == GetResponse.class) {
        f.volume = p.currentToken() == JsonToken.VALUE_NULL ? null : volume(p);
      } else if (name.equals("volumes") && type == ListResponse.class) {
        f.volumes = volumeList(p);
      } else if (name.equals("capabilities") && type == CapabilitiesResponse.class) {
        f.capabilities = p.currentToken() == JsonToken.VALUE_NULL ? null : capabilities(p);
      } else {
        p.skipChildren();
      }
    }
    return f.answer(type);
  }

  private static VolumeEntry volume(JsonParser p) throws IOException {
    requireObject(p);
    String name = null;
    String mountpoint = null;
    String createdAt = null;
    Map<String, Object> status = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName().toLowerCase(Locale.ROOT);
      p.nextToken();
      switch (field) {
        case "name" -> name = string(p);
        case "mountpoint" -> mountpoint = string(p);
        case "createdat" -> createdAt = string(p);
        case "status" -> {
          if (p.currentToken() == JsonToken.VALUE_NULL) {
            status = null;
          } else {
            requireObject(p);
            status = object(p);
          }
        }
        default -> p.skipChildren();
      }
    }
    return new VolumeEntry(name, mountpoint, createdAt, status);
  }

  private static List<VolumeEntry> volumeList(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    requireArray(p);
    List<VolumeEntry> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(p.currentToken() == JsonToken.VALUE_NULL ? null : volume(p));
    }
    return out;
  }

  private static CapabilitiesResponse.Capabilities capabilities(JsonParser p) throws IOException {
    requireObject(p);
    String scope = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName().toLowerCase(Locale.ROOT);
      p.nextToken();
      if (field.equals("scope")) {
        scope = string(p);
      } else {
        p.skipChildren();
      }
    }
    return new CapabilitiesResponse.Capabilities(scope);
  }

  private static List<String> strings(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    requireArray(p);
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String s = string(p);
      if (s == null) {
        throw new JsonParseException(p, "null in a list of names");
      }
      out.add(s);
    }
    return out;
  }

  /** A string field; numbers and booleans are taken as their text, as the mapper coerces them. */
  private static String string(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING || t.isScalarValue()) {
      return p.getText();
    }
    throw new JsonParseException(p, "expected a string, found " + t);
  }

  /** Free-form JSON (a volume's Status), as the mapper reads it into a {@code Map<String, Object>}. */
  private static Map<String, Object> object(JsonParser p) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      out.put(field, value(p));
    }
    return out;
  }

  private static Object value(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT:
        return object(p);
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  private static void requireObject(JsonParser p) throws JsonParseException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new JsonParseException(p, "expected an object, found " + p.currentToken());
    }
  }

  private static void requireArray(JsonParser p) throws JsonParseException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new JsonParseException(p, "expected an array, found " + p.currentToken());
    }
  }

  private static void field(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
