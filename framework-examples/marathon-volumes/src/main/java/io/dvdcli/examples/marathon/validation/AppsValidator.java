package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.MarathonApp;
import java.util.List;

/**
 * Runs Marathon's external-volume rules over a set of apps: per volume, per app, then across all
 * apps. An empty result means Marathon would accept the apps' dvdi volumes.
 */
public final class AppsValidator {
  private final ExternalVolumeRules externalVolumeRules = new ExternalVolumeRules();
  private final DvdiVolumeRules dvdiVolumeRules;
  private final DvdiAppRules dvdiAppRules = new DvdiAppRules();
  private final UniqueVolumeNames uniqueVolumeNames = new UniqueVolumeNames();
  private final VolumeNameConflicts nameConflicts = new VolumeNameConflicts();

  public AppsValidator(ValidationOptions options) {
    this.dvdiVolumeRules = new DvdiVolumeRules(options);
  }

  public List<Violation> validate(List<MarathonApp> apps) {
    Violations out = new Violations();
    for (MarathonApp app : apps) {
      for (ExternalVolume volume : app.externalVolumes()) {
        externalVolumeRules.check(app, volume, out);
        if (volume.isDvdi()) {
          dvdiVolumeRules.check(app, volume, out);
        }
      }
      uniqueVolumeNames.check(app, out);
      dvdiAppRules.check(app, out);
    }
    nameConflicts.check(apps, out);
    return out.toList();
  }
}
