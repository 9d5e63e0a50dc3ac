package io.dvdcli;

import io.dvdcli.commands.CommandFailedException;
import io.dvdcli.plugin.PluginException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point. Whatever happens, the process ends with one exit code, nothing on stdout but the
 * answer, and, on failure, stderr ending in exactly one line that says what failed.
 */
public final class Main {
  private Main() {}

  private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs one command; usable in-process by tests. */
  public static int run(String[] args, Map<String, String> env, PrintStream stdout, PrintStream stderr) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    boolean debug = "1".equals(env.get("DVDCLI_DEBUG"));
    CommandLine cl = new CommandLine(new DvdcliCommand(env, out, stderr))
        .setOptionsCaseInsensitive(true)
        .setSubcommandsCaseInsensitive(true)
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler((ParameterException e, String[] a) -> {
          String cmd = e.getCommandLine().getCommandName();
          err.println("dvdcli: usage error: " + escapeControls(e.getMessage()) + " (see 'dvdcli "
              + ("dvdcli".equals(cmd) ? "" : cmd + " ") + "--help')");
          return ExitCodes.USAGE;
        })
        .setExecutionExceptionHandler((Exception e, CommandLine c, CommandLine.ParseResult r) -> {
          if (e instanceof CommandFailedException f) {
            err.println("dvdcli: " + f.getMessage());
            return ExitCodes.of(f.pluginFailure());
          }
          if (e instanceof PluginException p) {
            err.println("dvdcli: " + p.getMessage());
            return ExitCodes.of(p);
          }
          if (debug) {
            e.printStackTrace(err);
          }
          err.println("dvdcli: internal error: " + e + " (please report it; DVDCLI_DEBUG=1 shows more)");
          return ExitCodes.INTERNAL;
        });
    try {
      int code = cl.execute(args);
      out.flush();
      return code;
    } catch (RuntimeException | Error e) {
      err.println("dvdcli: internal error: " + e);
      return ExitCodes.INTERNAL;
    }
  }

  /** Usage errors quote the argument as given; a line break in it must not break the line. */
  static String escapeControls(String message) {
    return CONTROL.matcher(String.valueOf(message))
        .replaceAll(m -> Matcher.quoteReplacement(String.format("\\x%02x", (int) m.group().charAt(0))));
  }
}
