package io.dvdcli.examples.marathon;

import io.dvdcli.examples.marathon.app.AppLoadException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: the one place where failures become exit codes. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new MarathonVolumesCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          err.println("marathon-volumes: " + e.getMessage() + " (see marathon-volumes --help)");
          err.flush();
          return MarathonVolumesExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          if (e instanceof AppLoadException) {
            err.println(e.getMessage());
            err.flush();
            return MarathonVolumesExitCodes.USAGE;
          }
          err.println("marathon-volumes: internal error: " + e);
          err.flush();
          return MarathonVolumesExitCodes.INTERNAL;
        });
    return commandLine;
  }
}
