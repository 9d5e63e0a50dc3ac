package io.dvdcli;

import io.dvdcli.cli.DiscoveryFlags;
import io.dvdcli.cli.UsageException;
import io.dvdcli.commands.AgentArgv;
import io.dvdcli.commands.CommandFailedException;
import io.dvdcli.commands.DvdcliCommand;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.untrusted.UntrustedText;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point. Whatever happens, the process ends with one exit code, nothing on stdout but the
 * answer, and, on failure, stderr ending in exactly one line that says what failed.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, processSetUp(), System.out, System.err);
    System.out.flush();
    System.err.flush();
    // halt, not exit: dvdcli registers no shutdown hook, and since JDK 21 exit() first sets up
    // System.Logger (to log Runtime.exit), which looks for a logging back-end in the whole jar.
    Runtime.getRuntime().halt(code);
  }

  /**
   * What a dvdcli process does before its command, returning its environment. The archive's
   * training run does the same, so that the archive holds these classes too: a class missing from
   * it is read from the jar, which costs the jar's 3,000-entry index on every call.
   */
  public static Map<String, String> processSetUp() {
    JdkSelectorProvider.choose();
    return System.getenv();
  }

  /** Runs one command; usable in-process by tests. */
  public static int run(String[] args, Map<String, String> env, PrintStream stdout, PrintStream stderr) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    // The fast path takes no --debug (a line with it goes to picocli), so only the environment counts.
    boolean debug = DiscoveryFlags.debugRequested(false, env);
    DvdcliCommand root = new DvdcliCommand(env, out, stderr);
    try {
      // The agent's own command lines skip picocli's model (most of a call's CPU); see AgentArgv.
      Optional<AgentArgv.Call> agentCall = AgentArgv.parse(args);
      int code;
      if (agentCall.isPresent()) {
        try {
          code = agentCall.get().run(root);
        } catch (Exception e) {
          code = failure(e, agentCall.get().command(), err, debug);
        }
      } else {
        code = picocli(root, out, err, debug).execute(args);
      }
      out.flush();
      return code;
    } catch (RuntimeException | Error e) {
      err.println("dvdcli: internal error: " + e);
      return ExitCodes.INTERNAL;
    }
  }

  private static CommandLine picocli(DvdcliCommand root, PrintWriter out, PrintWriter err, boolean debug) {
    return DvdcliCommand.commandLine(root)
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler((ParameterException e, String[] a) ->
            usageError(e.getMessage(), e.getCommandLine().getCommandName(), err))
        .setExecutionExceptionHandler((Exception e, CommandLine c, CommandLine.ParseResult r) ->
            failure(e, c.getCommandName(), err, debug || debugFlagGiven(r)));
  }

  /** Whether the line picocli parsed has {@code --debug} on any (sub)command. */
  private static boolean debugFlagGiven(CommandLine.ParseResult result) {
    for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /** The one place where what went wrong becomes an exit code and the last line of stderr. */
  private static int failure(Exception e, String command, PrintWriter err, boolean debug) {
    if (e instanceof CommandFailedException f) {
      err.println("dvdcli: " + f.getMessage());
      return ExitCodes.of(f.pluginFailure());
    }
    if (e instanceof PluginException p) {
      err.println("dvdcli: " + p.getMessage());
      return ExitCodes.of(p);
    }
    if (e instanceof UsageException u) {
      return usageError(u.getMessage(), command, err);
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.println("dvdcli: internal error: " + e + " (please report it; DVDCLI_DEBUG=1 shows more)");
    return ExitCodes.INTERNAL;
  }

  private static int usageError(String message, String command, PrintWriter err) {
    err.println("dvdcli: usage error: " + escapeControls(message) + " (see 'dvdcli "
        + ("dvdcli".equals(command) ? "" : command + " ") + "--help')");
    return ExitCodes.USAGE;
  }

  /** Usage errors quote the argument as given, whole; a line break in it must not break the line. */
  static String escapeControls(String message) {
    return UntrustedText.quoted(String.valueOf(message), Integer.MAX_VALUE);
  }
}
