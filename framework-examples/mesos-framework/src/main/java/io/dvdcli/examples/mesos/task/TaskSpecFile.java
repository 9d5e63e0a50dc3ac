package io.dvdcli.examples.mesos.task;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a task spec from JSON:
 * <pre>{"name": "...", "command": "...", "cpus": 0.1, "mem": 32,
 *  "volumes": [{"driver": "...", "name": "...", "options": {"k": "v"},
 *               "containerPath": "data", "mode": "RW"}]}</pre>
 */
public final class TaskSpecFile {
  /** Duplicate keys are errors: in "options" the agent would keep only one of them. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private TaskSpecFile() {}

  public static TaskSpec read(Path file) throws IOException {
    try {
      return JSON.readValue(file.toFile(), TaskJson.class).toSpec();
    } catch (JacksonException e) {
      throw new IOException(
          "Failed to read task spec '" + file + "': " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException("Failed to read task spec '" + file + "': " + e.getMessage(), e);
    }
  }

  /** The file's wire form; kept apart from {@link TaskSpec} so defaults live in one place. */
  record TaskJson(String name, String command, Double cpus, Double mem, List<VolumeJson> volumes) {
    TaskSpec toSpec() {
      return new TaskSpec(
          name == null ? TaskDefaults.NAME : name,
          command,
          cpus == null ? TaskDefaults.CPUS : cpus,
          mem == null ? TaskDefaults.MEM : mem,
          volumes == null ? List.of() : volumes.stream().map(VolumeJson::toSpec).toList());
    }
  }

  record VolumeJson(String driver, String name, Map<String, String> options, String containerPath, String mode) {
    TaskVolume toSpec() {
      return new TaskVolume(driver, name, options, containerPath, mode == null ? VolumeMode.RW : VolumeMode.parse(mode));
    }
  }
}
