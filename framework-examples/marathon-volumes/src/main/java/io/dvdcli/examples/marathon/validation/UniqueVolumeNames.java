package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.MarathonApp;
import java.util.HashSet;
import java.util.Set;

/**
 * Marathon's {@code AppValidation.validContainer} (src/main/scala/mesosphere/marathon/api/v2/validation/
 * AppValidation.scala:121-127 in mesosphere/marathon): the names of an app's external volumes, of
 * any provider, shared or not, are unique. Checked on the container's volume list as a whole, so
 * the app gets one violation at {@code /container/volumes} however many names repeat.
 */
final class UniqueVolumeNames {

  void check(MarathonApp app, Violations out) {
    Set<String> seen = new HashSet<>();
    for (ExternalVolume volume : app.externalVolumes()) {
      // A volume without a name takes none (Marathon flattens the missing Option away).
      if (volume.name() != null && !seen.add(volume.name())) {
        out.add(app.location(), "/container/volumes", MarathonMessages.VOLUME_NAMES_NOT_UNIQUE);
        return;
      }
    }
  }
}
