package io.dvdcli.shim;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the checkpoint dir: each recorded container with its volumes ({@code driver/name})
 * and bind mounts, the containers using each volume (the reference counts), and volumes released
 * by cleaned-up containers that are not unmounted yet (in use elsewhere, or a failed unmount).
 */
public record IsolatorStatus(
    String checkpointDir,
    List<Container> containers,
    Map<String, List<String>> volumeUsers,
    Map<String, List<String>> released) {

  public IsolatorStatus {
    containers = List.copyOf(containers);
    volumeUsers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(volumeUsers));
    released = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(released));
  }

  /** One recorded container; {@code problem} is set when its checkpoint could not be read whole. */
  public record Container(String containerId, List<String> volumes, List<String> bindMounts, String problem) {}
}
