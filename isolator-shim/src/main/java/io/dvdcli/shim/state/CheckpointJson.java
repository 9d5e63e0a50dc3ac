package io.dvdcli.shim.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dvdcli.untrusted.UntrustedText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON the Mesos agent writes for {@code DockerVolumes} ({@code state.proto}: {@code
 * DockerVolume { required string driver = 1; required string name = 2; }}), serialised as stout's
 * {@code JSON::protobuf} does: compact, fields in field-number order, e.g. {@code
 * {"volumes":[{"driver":"rexray","name":"vol1"}]}}. Reading ignores unknown fields, as
 * stout's protobuf parser does.
 */
public final class CheckpointJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  private CheckpointJson() {}

  record Entry(String driver, String name) {}

  record Volumes(List<Entry> volumes) {}

  record Bindings(List<Binding> bindings) {}

  public static byte[] volumes(Collection<DockerVolume> volumes) {
    List<Entry> entries = new ArrayList<>();
    for (DockerVolume v : volumes) {
      entries.add(new Entry(v.driver(), v.name()));
    }
    return write(new Volumes(entries));
  }

  /** Parses a volumes file; duplicates are refused, as Mesos refuses them on recovery. */
  public static Set<DockerVolume> parseVolumes(byte[] content) throws IOException {
    Volumes parsed = MAPPER.readValue(content, Volumes.class);
    Set<DockerVolume> volumes = new LinkedHashSet<>();
    if (parsed == null || parsed.volumes() == null) {
      return volumes;
    }
    for (Entry e : parsed.volumes()) {
      if (e == null || e.driver() == null || e.name() == null) {
        throw new IOException("a volume entry lacks its driver or name");
      }
      DockerVolume volume = new DockerVolume(e.driver(), e.name());
      if (!volumes.add(volume)) {
        throw new IOException("duplicate docker volume '" + UntrustedText.quoted(volume.toString()) + "'");
      }
    }
    return volumes;
  }

  public static byte[] bindings(List<Binding> bindings) {
    return write(new Bindings(bindings));
  }

  public static List<Binding> parseBindings(byte[] content) throws IOException {
    Bindings parsed = MAPPER.readValue(content, Bindings.class);
    return parsed == null || parsed.bindings() == null ? List.of() : List.copyOf(parsed.bindings());
  }

  public static String text(byte[] content) {
    return new String(content, StandardCharsets.UTF_8);
  }

  private static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Records always serialise", e);
    }
  }
}
