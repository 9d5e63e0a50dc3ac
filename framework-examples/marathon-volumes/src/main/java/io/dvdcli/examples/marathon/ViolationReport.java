package io.dvdcli.examples.marathon;

import io.dvdcli.examples.marathon.validation.Violation;
import java.io.PrintWriter;
import java.util.List;

/** Both subcommands refuse invalid apps the same way: one line per violation on stderr, exit 1. */
final class ViolationReport {
  private ViolationReport() {}

  static int print(List<Violation> violations, PrintWriter err) {
    violations.forEach(violation -> err.println(violation.render()));
    err.flush();
    return MarathonVolumesExitCodes.VIOLATIONS;
  }
}
