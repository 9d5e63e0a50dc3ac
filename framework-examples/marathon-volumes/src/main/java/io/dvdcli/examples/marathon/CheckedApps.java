package io.dvdcli.examples.marathon;

import io.dvdcli.examples.marathon.app.AppDefinitionReader;
import io.dvdcli.examples.marathon.app.AppLoadException;
import io.dvdcli.examples.marathon.app.AppLoader;
import io.dvdcli.examples.marathon.app.MarathonApp;
import io.dvdcli.examples.marathon.validation.AppsValidator;
import io.dvdcli.examples.marathon.validation.Violation;
import java.util.List;

/** The apps found under the command's paths and what Marathon would say about their volumes. */
record CheckedApps(List<MarathonApp> apps, List<Violation> violations) {
  CheckedApps {
    apps = List.copyOf(apps);
    violations = List.copyOf(violations);
  }

  static CheckedApps check(InputOptions inputs) throws AppLoadException {
    List<MarathonApp> apps = new AppLoader(new AppDefinitionReader()).load(inputs.paths);
    return new CheckedApps(apps, new AppsValidator(inputs.validationOptions()).validate(apps));
  }

  int dvdiVolumeCount() {
    return apps.stream().mapToInt(app -> app.dvdiVolumes().size()).sum();
  }
}
