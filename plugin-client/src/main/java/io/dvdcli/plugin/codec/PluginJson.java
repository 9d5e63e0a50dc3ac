package io.dvdcli.plugin.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The client's JSON mapper for what is not on the call path: the Docker engine's answers, spec
 * files, error bodies and dvdcli's own {@code --json} output; and the reference the fast codec is
 * tested against ({@link WireCodec} decodes exactly as this does). It decodes as Go's
 * {@code encoding/json} does, because every plugin and engine was tested against Go: unknown fields
 * are ignored and field names match case-insensitively.
 */
public final class PluginJson {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private PluginJson() {}
}
