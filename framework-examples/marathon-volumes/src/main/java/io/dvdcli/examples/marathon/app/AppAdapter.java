package io.dvdcli.examples.marathon.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps one app's JSON to a {@link MarathonApp}, applying Marathon's defaults (1 instance, DOCKER
 * engine, not shared) and rejecting what Marathon's JSON reader rejects before any validation runs
 * (missing required fields, wrong types, unknown enum literals).
 */
final class AppAdapter {
  private static final String CSI = "csi";

  private final ObjectMapper mapper;

  AppAdapter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  MarathonApp toApp(JsonNode appNode, Location location, String groupId) throws AppLoadException {
    AppJson json = convert(appNode, AppJson.class, location, location.jsonPath());
    if (json.id() == null) {
      throw problem(location, location.at("/id") + ": missing required field");
    }
    String id = AppIds.canonical(json.id(), groupId);
    if (id.equals("/")) {
      throw problem(
          location, location.at("/id") + ": an app id must name an app, got \"" + json.id() + "\"");
    }
    int instances = json.instances() == null ? 1 : json.instances();
    if (instances < 0) {
      throw problem(location, location.at("/instances") + ": must be 0 or more, got " + instances);
    }
    AppJson.ContainerJson container = json.container();
    EngineType engine =
        container == null || container.type() == null ? EngineType.DOCKER : container.type();
    List<AppJson.VolumeJson> volumes =
        container == null || container.volumes() == null ? List.of() : container.volumes();
    return new MarathonApp(
        id,
        location,
        instances,
        engine,
        upgradeStrategy(json, location),
        externals(volumes, location));
  }

  private List<ExternalVolume> externals(List<AppJson.VolumeJson> volumes, Location location)
      throws AppLoadException {
    List<ExternalVolume> externals = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      AppJson.VolumeJson volume = volumes.get(i);
      if (volume == null || volume.external() == null || volume.external().isNull()) {
        continue; // host, persistent and secret volumes are not external volumes
      }
      String path = location.at("/container/volumes(" + i + ")");
      if (CSI.equals(volume.external().path("provider").asText(null))) {
        continue; // CSI volumes have a schema and rules of their own
      }
      AppJson.ExternalJson external =
          convert(volume.external(), AppJson.ExternalJson.class, location, path + "/external");
      if (volume.containerPath() == null) {
        throw problem(location, path + "/containerPath: missing required field");
      }
      if (volume.mode() == null) {
        throw problem(location, path + "/mode: missing required field");
      }
      if (external.size() != null && external.size() < 0) {
        throw problem(location, path + "/external/size: must be 0 or more, got " + external.size());
      }
      externals.add(
          new ExternalVolume(
              i,
              volume.containerPath(),
              volume.mode(),
              external.size(),
              external.name(),
              external.provider(),
              external.options(),
              Boolean.TRUE.equals(external.shared())));
    }
    return externals;
  }

  private static UpgradeStrategy upgradeStrategy(AppJson json, Location location)
      throws AppLoadException {
    AppJson.UpgradeStrategyJson strategy = json.upgradeStrategy();
    if (strategy == null) {
      return null;
    }
    double minimum = required(strategy.minimumHealthCapacity(), "minimumHealthCapacity", location);
    double maximum = required(strategy.maximumOverCapacity(), "maximumOverCapacity", location);
    return new UpgradeStrategy(minimum, maximum);
  }

  private static double required(Double value, String field, Location location)
      throws AppLoadException {
    String path = location.at("/upgradeStrategy/" + field);
    if (value == null) {
      throw problem(location, path + ": missing required field");
    }
    if (value < 0.0 || value > 1.0) {
      throw problem(location, path + ": must be between 0.0 and 1.0, got " + value);
    }
    return value;
  }

  private <T> T convert(JsonNode node, Class<T> type, Location location, String path)
      throws AppLoadException {
    try {
      return mapper.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw problem(location, JsonProblems.describe(path, e));
    } catch (IllegalArgumentException e) {
      throw problem(location, (path.isEmpty() ? "/" : path) + ": " + e.getMessage());
    }
  }

  private static AppLoadException problem(Location location, String cause) {
    return AppLoadException.of(location.file(), cause);
  }
}
