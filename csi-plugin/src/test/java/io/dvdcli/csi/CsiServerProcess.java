package io.dvdcli.csi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dvdcli-csi as a real process, started as its DaemonSet starts it (a JVM running CsiMain with
 * flags), so that a test can kill -9 it and start it again on the same state folder.
 */
final class CsiServerProcess implements AutoCloseable {
  static final Duration START_BOUND = Duration.ofSeconds(60);

  private final Path socket;
  private final Path log;
  private final List<String> flags;
  private final Map<String, String> env;
  private Process process;

  private CsiServerProcess(Path socket, Path log, List<String> flags, Map<String, String> env) {
    this.socket = socket;
    this.log = log;
    this.flags = flags;
    this.env = env;
  }

  /** Starts the server on {@code dir}/csi.sock with {@code flags}, and waits until it answers. */
  static CsiServerProcess start(Path dir, List<String> flags, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--endpoint", "unix://" + dir.resolve("csi.sock")));
    all.addAll(flags);
    CsiServerProcess server = new CsiServerProcess(dir.resolve("csi.sock"), dir.resolve("server.log"), all, env);
    server.launch();
    return server;
  }

  /**
   * The server for one Docker plugin, as the tests run it: the plugin's socket folder, no spec
   * files, records in {@code stateDir}; {@code extra} flags after those.
   */
  static CsiServerProcess forPlugin(Path dir, Path socketsDir, String driver, Path stateDir, Map<String, String> env,
      String... extra) throws IOException, InterruptedException {
    List<String> flags = new ArrayList<>(List.of("--sockets-dir", socketsDir.toString(),
        "--specs-dirs", dir.resolve("no-specs").toString(), "--state-dir", stateDir.toString(), "--volumedriver", driver));
    flags.addAll(List.of(extra));
    return start(Files.createDirectories(dir), flags, env);
  }

  void launch() throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xss512k", CsiMain.class.getName()));
    argv.addAll(flags);
    ProcessBuilder builder = new ProcessBuilder(argv)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().keySet().removeIf(k -> k.startsWith("DVDCLI_") || k.equals("CSI_ENDPOINT") || k.equals("NODE_ID"));
    builder.environment().putAll(env);
    process = builder.start();
    Instant deadline = Instant.now().plus(START_BOUND);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("dvdcli-csi exited (" + process.exitValue() + "): " + log());
      }
      if (log().contains(" serving ")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("dvdcli-csi did not start within " + START_BOUND + ": " + log());
  }

  Path socket() {
    return socket;
  }

  long pid() {
    return process.pid();
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Waits until the log shows {@code line} (a pause at a step), bounded. */
  void awaitLog(String text, Duration bound) throws InterruptedException {
    Instant deadline = Instant.now().plus(bound);
    while (!log().contains(text)) {
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        throw new AssertionError("never saw '" + text + "' in the server's log:\n" + log());
      }
      Thread.sleep(20);
    }
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as Kubernetes stops a pod; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
