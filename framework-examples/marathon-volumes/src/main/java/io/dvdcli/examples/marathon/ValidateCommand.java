package io.dvdcli.examples.marathon;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    description =
        "Check the apps' dvdi external volumes as Marathon does. Exit 0 and one summary line when"
            + " they pass; exit 1 and one line per violation on stderr when not.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InputOptions inputs;

  @Override
  public Integer call() throws Exception {
    CheckedApps checked = CheckedApps.check(inputs);
    if (!checked.violations().isEmpty()) {
      return ViolationReport.print(checked.violations(), spec.commandLine().getErr());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "OK: " + checked.apps().size() + " apps, " + checked.dvdiVolumeCount() + " dvdi volumes");
    out.flush();
    return MarathonVolumesExitCodes.OK;
  }
}
