package io.dvdcli.examples.marathon.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An app definition with Marathon's defaults applied, reduced to what external volumes need.
 *
 * @param id the canonical absolute app id
 * @param upgradeStrategy null when the app gives none (Marathon then picks one that suits volumes)
 */
public record MarathonApp(
    String id,
    Location location,
    int instances,
    EngineType engine,
    UpgradeStrategy upgradeStrategy,
    List<ExternalVolume> externalVolumes) {

  public MarathonApp {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(engine, "engine");
    if (!id.startsWith("/")) {
      throw new IllegalArgumentException("app id must be absolute: " + id);
    }
    if (instances < 0) {
      throw new IllegalArgumentException("instances must not be negative: " + instances);
    }
    externalVolumes = List.copyOf(externalVolumes);
  }

  public List<ExternalVolume> dvdiVolumes() {
    return externalVolumes.stream().filter(ExternalVolume::isDvdi).toList();
  }

  public Optional<UpgradeStrategy> explicitUpgradeStrategy() {
    return Optional.ofNullable(upgradeStrategy);
  }
}
