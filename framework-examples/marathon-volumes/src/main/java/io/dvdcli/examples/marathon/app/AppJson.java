package io.dvdcli.examples.marathon.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The wire shape of a Marathon app definition, reduced to the fields external volumes depend on.
 * Absent fields stay null here; {@link AppAdapter} applies Marathon's defaults.
 */
public record AppJson(
    String id, Integer instances, ContainerJson container, UpgradeStrategyJson upgradeStrategy) {

  /** {@code container}: its engine and volumes. */
  public record ContainerJson(EngineType type, List<VolumeJson> volumes) {}

  /**
   * One entry of {@code container.volumes}. Host, persistent and secret volumes share the array;
   * {@code external} stays a tree because a CSI volume's options are not a string map.
   */
  public record VolumeJson(String containerPath, ReadMode mode, JsonNode external) {}

  /** {@code upgradeStrategy}: both fields are required by Marathon's schema when it is given. */
  public record UpgradeStrategyJson(Double minimumHealthCapacity, Double maximumOverCapacity) {}

  /** {@code external} of a volume whose provider is not {@code csi}. */
  public record ExternalJson(
      Long size, String name, String provider, Map<String, String> options, Boolean shared) {}
}
