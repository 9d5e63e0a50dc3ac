package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.MarathonApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marathon's root-group rule: a dvdi volume name belongs to one app cluster-wide. Volumes marked
 * {@code shared} are left out of the names others are checked against, but are themselves still
 * checked: a shared volume whose name another app holds unshared conflicts, the unshared one not.
 */
final class VolumeNameConflicts {

  void check(List<MarathonApp> apps, Violations out) {
    Map<String, List<String>> exclusiveHolders = new LinkedHashMap<>();
    for (MarathonApp app : apps) {
      for (ExternalVolume volume : app.dvdiVolumes()) {
        if (volume.name() != null && !volume.shared()) {
          exclusiveHolders.computeIfAbsent(volume.name(), name -> new ArrayList<>()).add(app.id());
        }
      }
    }
    for (MarathonApp app : apps) {
      for (ExternalVolume volume : app.dvdiVolumes()) {
        if (volume.name() == null) {
          continue;
        }
        List<String> others =
            exclusiveHolders.getOrDefault(volume.name(), List.of()).stream()
                .filter(holder -> !holder.equals(app.id()))
                .toList();
        if (!others.isEmpty()) {
          out.add(
              app.location(),
              "/container",
              MarathonMessages.nameConflict(volume.name(), app.id(), others));
        }
      }
    }
  }
}
