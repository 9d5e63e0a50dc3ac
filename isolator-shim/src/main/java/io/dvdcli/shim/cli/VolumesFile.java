package io.dvdcli.shim.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dvdcli.shim.VolumeRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --volumes-json}: the Mesos {@code DockerVolumes} form, each entry optionally carrying what
 * the agent takes from the task's {@code Volume}: {@code options} as Mesos {@code Parameters},
 * {@code container_path}, {@code mode} (RW/RO), and the shim's {@code explicit_create}:
 * <pre>{"volumes":[{"driver":"rexray","name":"vol1",
 *   "options":{"parameter":[{"key":"size","value":"5"}]},"container_path":"data","mode":"RO"}]}</pre>
 */
final class VolumesFile {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  record Parameter(String key, String value) {}

  record Parameters(List<Parameter> parameter) {}

  record Entry(
      String driver,
      String name,
      Parameters options,
      @JsonProperty("container_path") String containerPath,
      String mode,
      @JsonProperty("explicit_create") Boolean explicitCreate) {}

  record Document(List<Entry> volumes) {}

  private VolumesFile() {}

  static List<VolumeRequest> parse(byte[] content, String where) {
    Document document;
    try {
      document = MAPPER.readValue(content, Document.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("Failed to parse volumes JSON '" + where + "': "
          + e.getOriginalMessage().lines().findFirst().orElse("invalid JSON"));
    } catch (IOException e) {
      throw new IllegalArgumentException("Failed to read volumes JSON '" + where + "': " + e.getMessage());
    }
    List<VolumeRequest> requests = new ArrayList<>();
    if (document == null || document.volumes() == null) {
      throw new IllegalArgumentException("Failed to parse volumes JSON '" + where + "': no \"volumes\" list");
    }
    for (Entry e : document.volumes()) {
      Map<String, String> options = new LinkedHashMap<>();
      if (e.options() != null && e.options().parameter() != null) {
        for (Parameter p : e.options().parameter()) {
          options.put(p.key(), p.value());
        }
      }
      requests.add(new VolumeRequest(e.driver(), e.name(), options, e.containerPath(),
          e.mode() == null ? VolumeRequest.Mode.RW : VolumeArgument.mode(e.mode()),
          Boolean.TRUE.equals(e.explicitCreate())));
    }
    return requests;
  }
}
