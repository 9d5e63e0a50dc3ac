package io.dvdcli.shim.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code isolator-shim prepare|cleanup|recover|run|status}. The one place where failures become
 * exit codes: 0 done, 1 a lifecycle step failed, 2 bad input; the last stderr line says why.
 */
public final class Main {
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    ShimCommand root = new ShimCommand(environment, out, err);
    CommandLine cli = new CommandLine(root);
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> {
      report(err, e.getMessage());
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      report(err, e.getMessage() == null ? e.toString() : e.getMessage());
      return e instanceof IllegalArgumentException ? BAD_INPUT : FAILED;
    });
    return cli.execute(args);
  }

  /** Every line prefixed; the last line is the one that explains the failure. */
  static void report(PrintStream err, String message) {
    for (String line : message.split("\n")) {
      err.println("isolator-shim: " + line);
    }
    err.flush();
  }
}
