package io.dvdcli.examples.marathon;

import io.dvdcli.examples.marathon.app.MarathonApp;
import io.dvdcli.examples.marathon.translation.DockerVolumeTranslator;
import io.dvdcli.examples.marathon.translation.TranslationPrinter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.mesos.v1.Protos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "translate",
    description =
        "Validate, then print per app id the Mesos Volume messages (JSON) the agent receives for"
            + " the app's dvdi volumes.")
final class TranslateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InputOptions inputs;

  @Override
  public Integer call() throws Exception {
    CheckedApps checked = CheckedApps.check(inputs);
    if (!checked.violations().isEmpty()) {
      return ViolationReport.print(checked.violations(), spec.commandLine().getErr());
    }
    DockerVolumeTranslator translator = new DockerVolumeTranslator();
    Map<String, List<Protos.Volume>> volumesByApp = new LinkedHashMap<>();
    for (MarathonApp app : checked.apps()) {
      volumesByApp.put(app.id(), translator.translate(app));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(new TranslationPrinter().print(volumesByApp));
    out.flush();
    return MarathonVolumesExitCodes.OK;
  }
}
