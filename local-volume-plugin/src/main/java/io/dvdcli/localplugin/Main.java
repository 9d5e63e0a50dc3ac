package io.dvdcli.localplugin;

import io.dvdcli.localplugin.http.PluginCall;
import io.dvdcli.untrusted.UntrustedText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the reference plugin until SIGTERM or SIGINT. stdout carries one line, once the plugin
 * answers: {@code listening on unix:///path [tcp://127.0.0.1:port]}; every call is logged to
 * stderr.
 */
@Command(
    name = "local-volume-plugin",
    mixinStandardHelpOptions = true,
    version = "local-volume-plugin 0.1.0",
    description = "A directory-backed Docker volume plugin (the project's reference plugin).")
public final class Main implements Callable<Integer> {
  static final String NAME = "local-volume-plugin";

  @Spec CommandSpec spec;

  @Option(names = "--socket", paramLabel = "PATH", description = "UNIX socket to serve on, e.g. /run/docker/plugins/local.sock.")
  Path socket;

  @Option(names = "--tcp", paramLabel = "127.0.0.1:PORT", converter = LoopbackPort.class, description = "Also (or only) serve on this loopback port; 0 picks a free one.")
  Integer tcpPort;

  @Option(names = "--root", paramLabel = "DIR", defaultValue = "/var/lib/local-volume-plugin", description = "State root: state.json and volumes/<name>/_data (default: ${DEFAULT-VALUE}).")
  Path root;

  public static void main(String[] args) {
    // Before any Jetty class loads: the launcher's SLF4J provider logs warnings only, to stderr.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    // Old Docker's socket-path Host is accepted on purpose; Jetty need not warn about each one.
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty.util.HostPort", "error");
    int code = run(args, System.out, System.err);
    // After a signal the JVM is already shutting down, and exit() would wait for it forever.
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine command = new CommandLine(new Main());
    command.setOut(new java.io.PrintWriter(out, true));
    command.setErr(new java.io.PrintWriter(err, true));
    command.setParameterExceptionHandler(
        (e, ignored) -> {
          err.println(NAME + ": " + e.getMessage() + " (see --help)");
          return 2;
        });
    command.setExecutionExceptionHandler(
        (e, ignored, result) -> {
          err.println(NAME + ": " + oneLine(e));
          return 1;
        });
    return command.execute(args);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (socket == null && tcpPort == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--socket PATH or --tcp 127.0.0.1:PORT is required");
    }
    PrintStream out = System.out;
    PrintStream err = System.err;
    PluginConfig config = new PluginConfig(root, socket, tcpPort, call -> log(err, call));
    LocalVolumePlugin plugin = LocalVolumePlugin.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    plugin.close();
                    err.println(NAME + ": stopped");
                  } catch (IOException e) {
                    err.println(NAME + ": " + e.getMessage());
                  }
                },
                NAME + "-shutdown"));
    out.println("listening on " + String.join(" ", plugin.addresses()));
    out.flush();
    err.println(NAME + ": state root " + plugin.stateRoot() + ", " + plugin.volumes().size() + " volume(s)");
    plugin.awaitClosed();
    return 0;
  }

  /** The failure as the one line a caller reads last on stderr. */
  private static String oneLine(Exception e) {
    return UntrustedText.summarised(e.getMessage() == null ? e.toString() : e.getMessage());
  }

  private static void log(PrintStream err, PluginCall call) {
    err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + call.logLine());
  }
}
