package io.dvdcli.shim;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@link VolumeIsolator#cleanup}: volumes unmounted now, and volumes left mounted
 * because other containers still use them (volume {@code driver/name} to those containers' IDs).
 */
public record CleanupResult(String containerId, List<String> unmounted, Map<String, List<String>> stillInUse) {
  public CleanupResult {
    unmounted = List.copyOf(unmounted);
    stillInUse = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stillInUse));
  }
}
