package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.MarathonApp;
import java.util.Locale;

/**
 * Marathon's extra checks for driver {@code rexray}: volume and file-system types are labels,
 * {@code iops} a whole number above zero, {@code overwritefs} a boolean.
 */
final class RexRayOptionRules {
  private final boolean acceptOverwritefsFalse;

  RexRayOptionRules(boolean acceptOverwritefsFalse) {
    this.acceptOverwritefsFalse = acceptOverwritefsFalse;
  }

  void check(MarathonApp app, ExternalVolume volume, Violations out) {
    for (String key : new String[] {"dvdi/volumetype", "dvdi/newfstype"}) {
      String value = volume.options().get(key);
      if (value != null && !OptionPatterns.isLabel(value)) {
        out.add(
            app.location(),
            VolumePaths.optionEntry(volume, key),
            MarathonMessages.mustMatch(OptionPatterns.LABEL_REGEX));
      }
    }
    String iops = volume.options().get("dvdi/iops");
    if (iops != null && !isPositiveLong(iops)) {
      out.add(
          app.location(),
          VolumePaths.optionEntry(volume, "dvdi/iops"),
          MarathonMessages.notPositiveInteger(iops));
    }
    String overwritefs = volume.options().get("dvdi/overwritefs");
    if (overwritefs != null && !isAcceptedBoolean(overwritefs)) {
      out.add(
          app.location(),
          VolumePaths.optionEntry(volume, "dvdi/overwritefs"),
          MarathonMessages.NOT_A_BOOLEAN);
    }
  }

  /** Scala's {@code toLong} is {@link Long#parseLong}: a leading '+' passes, blanks do not. */
  private static boolean isPositiveLong(String value) {
    try {
      return Long.parseLong(value) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Scala's {@code toBoolean} knows "true" and "false" in any case; Marathon then wants true. */
  private boolean isAcceptedBoolean(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.equals("true") || (acceptOverwritefsFalse && lower.equals("false"));
  }
}
