package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.MarathonApp;
import io.dvdcli.examples.marathon.app.UpgradeStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marathon's {@code DVDIProvider} checks of a whole app that has dvdi volumes: a volume name that
 * is not shared appears once, one instance at most, and an explicit upgrade strategy never
 * over-provisions (two instances would fight over the volume).
 */
final class DvdiAppRules {

  void check(MarathonApp app, Violations out) {
    List<ExternalVolume> volumes = app.dvdiVolumes();
    if (volumes.isEmpty()) {
      return;
    }
    Map<String, Integer> uses = new LinkedHashMap<>();
    for (ExternalVolume volume : volumes) {
      if (volume.name() != null && !volume.shared()) {
        uses.merge(volume.name(), 1, Integer::sum);
      }
    }
    uses.forEach(
        (name, count) -> {
          if (count > 1) {
            out.addAtApp(app.location(), MarathonMessages.declaredMoreThanOnce(name, app.id()));
          }
        });
    if (app.instances() > 1) {
      out.addAtApp(app.location(), MarathonMessages.tooManyInstances(app.id()));
    }
    app.explicitUpgradeStrategy()
        .map(UpgradeStrategy::maximumOverCapacity)
        .filter(over -> over != 0.0)
        .ifPresent(
            over ->
                out.add(
                    app.location(),
                    "/upgradeStrategy/maximumOverCapacity",
                    MarathonMessages.overCapacityNotZero(over)));
  }
}
