package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.EngineType;
import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.MarathonApp;
import io.dvdcli.examples.marathon.app.ReadMode;
import java.util.Optional;
import java.util.Set;

/**
 * Marathon's {@code DVDIProvider} checks of one volume: a defined, non-empty name, a valid {@code
 * dvdi/driver}, rexray's options; then by engine: MESOS mounts read-write only, DOCKER takes no
 * option but the driver and no size; neither accepts {@code .} or {@code ..} as container path.
 */
final class DvdiVolumeRules {
  private static final Set<String> DOT_PATHS = Set.of(".", "..");

  private final DriverNames drivers;
  private final RexRayOptionRules rexRay;

  DvdiVolumeRules(ValidationOptions options) {
    this.drivers = new DriverNames(options.allowManagedPlugins());
    this.rexRay = new RexRayOptionRules(options.acceptOverwritefsFalse());
  }

  void check(MarathonApp app, ExternalVolume volume, Violations out) {
    String at = VolumePaths.of(volume);
    if (volume.name() == null) {
      out.add(app.location(), at + "/external/name", MarathonMessages.NOT_DEFINED);
    } else if (volume.name().isEmpty()) {
      out.add(app.location(), at + "/external/name", MarathonMessages.NOT_EMPTY);
    }
    Optional<String> driver = volume.driver();
    if (driver.isEmpty()) {
      out.add(app.location(), VolumePaths.driverOption(volume), MarathonMessages.NOT_DEFINED);
    } else if (!drivers.isValid(driver.get())) {
      out.add(
          app.location(),
          VolumePaths.driverOption(volume),
          MarathonMessages.mustMatch(OptionPatterns.LABEL_REGEX));
    }
    if (driver.isPresent() && drivers.isRexRay(driver.get())) {
      rexRay.check(app, volume, out);
    }
    if (app.engine() == EngineType.MESOS) {
      checkForMesos(app, volume, out);
    } else {
      checkForDocker(app, volume, out);
    }
  }

  private static void checkForMesos(MarathonApp app, ExternalVolume volume, Violations out) {
    String at = VolumePaths.of(volume);
    if (volume.mode() != ReadMode.RW) {
      out.add(app.location(), at + "/mode", MarathonMessages.NOT_RW);
    }
    if (DOT_PATHS.contains(volume.containerPath())) {
      out.add(app.location(), at + "/containerPath", MarathonMessages.DOT_PATH);
    }
    // Checked by Marathon on its internal model; for DOCKER any size is already refused above.
    if (volume.size() != null && volume.size() <= 0) {
      out.add(
          app.location(), at + "/external/size", MarathonMessages.sizeNotPositive(volume.size()));
    }
  }

  private static void checkForDocker(MarathonApp app, ExternalVolume volume, Violations out) {
    String at = VolumePaths.of(volume);
    if (DOT_PATHS.contains(volume.containerPath())) {
      out.add(app.location(), at + "/containerPath", MarathonMessages.DOT_PATH);
    }
    boolean onlyDriver =
        volume.options().keySet().stream().allMatch(ExternalVolume.DRIVER_OPTION::equals);
    if (!onlyDriver) {
      out.add(app.location(), at + "/external/options", MarathonMessages.ONLY_DRIVER_OPTION);
    }
    if (volume.size() != null) {
      out.add(app.location(), at + "/external/size", MarathonMessages.SIZE_FOR_DOCKER);
    }
  }
}
