package io.dvdcli.examples.marathon.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one JSON file holding an app, or a group whose {@code apps} and {@code groups} nest; ids of
 * nested apps are resolved against their group's id as Marathon does.
 */
public final class AppDefinitionReader {
  private final ObjectMapper mapper = strictMapper();
  private final AppAdapter adapter = new AppAdapter(mapper);

  /**
   * Marathon's JSON reader ignores unknown fields but does not coerce: {@code "shared": "true"} or
   * a number where an option value (a string) belongs is rejected, and so is it here.
   */
  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    mapper
        .coercionConfigDefaults()
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    for (CoercionInputShape shape :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }

  public List<MarathonApp> read(Path file) throws AppLoadException {
    JsonNode root = parse(file);
    if (root == null || !root.isObject()) {
      throw AppLoadException.of(file, "expected a JSON object (an app or a group)");
    }
    List<MarathonApp> apps = new ArrayList<>();
    if (isGroup(root)) {
      readGroup(file, root, "", "/", apps);
    } else {
      apps.add(adapter.toApp(root, new Location(file, ""), "/"));
    }
    return apps;
  }

  private static boolean isGroup(JsonNode node) {
    return node.has("apps") || node.has("groups");
  }

  private void readGroup(
      Path file, JsonNode group, String jsonPath, String parentId, List<MarathonApp> apps)
      throws AppLoadException {
    JsonNode idNode = group.get("id");
    if (idNode != null && !idNode.isNull() && !idNode.isTextual()) {
      throw AppLoadException.of(file, jsonPath + "/id: expected a string");
    }
    String id =
        idNode == null || idNode.isNull() ? parentId : AppIds.canonical(idNode.asText(), parentId);
    JsonNode members = group.path("apps");
    for (int i = 0; i < arraySize(file, members, jsonPath + "/apps"); i++) {
      apps.add(
          adapter.toApp(members.get(i), new Location(file, jsonPath + "/apps(" + i + ")"), id));
    }
    JsonNode subgroups = group.path("groups");
    for (int i = 0; i < arraySize(file, subgroups, jsonPath + "/groups"); i++) {
      JsonNode subgroup = subgroups.get(i);
      String subPath = jsonPath + "/groups(" + i + ")";
      if (!subgroup.isObject()) {
        throw AppLoadException.of(file, subPath + ": expected a group object");
      }
      readGroup(file, subgroup, subPath, id, apps);
    }
  }

  private static int arraySize(Path file, JsonNode node, String path) throws AppLoadException {
    if (node.isMissingNode() || node.isNull()) {
      return 0;
    }
    if (!node.isArray()) {
      throw AppLoadException.of(file, path + ": expected an array");
    }
    return node.size();
  }

  private JsonNode parse(Path file) throws AppLoadException {
    try {
      return mapper.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw AppLoadException.of(
          file, "not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    } catch (NoSuchFileException e) {
      throw AppLoadException.of(file, "no such file");
    } catch (IOException e) {
      throw AppLoadException.of(file, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String firstLine(String message) {
    int lineBreak = message.indexOf('\n');
    return lineBreak > 0 ? message.substring(0, lineBreak) : message;
  }
}
