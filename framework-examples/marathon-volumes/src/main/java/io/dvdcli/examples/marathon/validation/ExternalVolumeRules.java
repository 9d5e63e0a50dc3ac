package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.MarathonApp;

/**
 * The checks Marathon's {@code AppValidation} makes on every external volume, whichever its
 * provider: a container path, a name, a provider that is a label and known, option keys of the form
 * {@code <namespace>/<name>}.
 */
final class ExternalVolumeRules {
  private static final String KNOWN_OTHER_PROVIDER = "csi";

  void check(MarathonApp app, ExternalVolume volume, Violations out) {
    String at = VolumePaths.of(volume);
    if (volume.containerPath().isEmpty()) {
      out.add(app.location(), at + "/containerPath", MarathonMessages.NOT_EMPTY);
    }
    if (volume.name() == null) {
      out.add(app.location(), at + "/external/name", MarathonMessages.NOT_EMPTY);
    }
    if (volume.provider() == null) {
      out.add(app.location(), at + "/external/provider", MarathonMessages.NOT_DEFINED);
    } else if (!OptionPatterns.isLabel(volume.provider())) {
      out.add(
          app.location(),
          at + "/external/provider",
          MarathonMessages.mustMatch(OptionPatterns.LABEL_REGEX));
    }
    for (String key : volume.options().keySet()) {
      if (!OptionPatterns.isOptionKey(key)) {
        // Marathon's path ends at ".../options/keys"; naming the key tells which one is wrong.
        out.add(
            app.location(),
            at + "/external/options/keys(\"" + key + "\")",
            MarathonMessages.mustMatch(OptionPatterns.OPTION_KEY_REGEX));
      }
    }
    if (volume.provider() != null
        && !volume.isDvdi()
        && !volume.provider().equals(KNOWN_OTHER_PROVIDER)) {
      out.add(app.location(), at + "/external/provider", MarathonMessages.UNKNOWN_PROVIDER);
    }
  }
}
