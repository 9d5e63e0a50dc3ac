package io.dvdcli.testsupport.peers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs short commands (the docker CLI, umount) with a bound on each, and finds binaries. */
public final class Commands {
  private Commands() {}

  /** The binary on PATH, else in the usual system folders (root's PATH may lack the sbin ones). */
  public static Optional<Path> find(String binary) {
    Set<String> dirs = new LinkedHashSet<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, binary))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /**
   * Runs {@code command} with stdin from /dev/null; past {@code timeout} it is killed and the
   * result says so. Outputs go through temp files, so a chatty command cannot block on a pipe.
   */
  public static CommandResult run(List<String> command, Map<String, String> env, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("cmd-out", ".txt");
      err = Files.createTempFile("cmd-err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(new File("/dev/null"))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      withoutPeerSettings(builder.environment());
      builder.environment().putAll(env);
      Process process = builder.start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return new CommandResult(
          command,
          finished ? process.exitValue() : -1,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          !finished);
    } catch (IOException e) {
      return new CommandResult(command, -1, "", "cannot run: " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommandResult(command, -1, "", "interrupted", false);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  public static CommandResult run(Duration timeout, String... command) {
    return run(List.of(command), Map.of(), timeout);
  }

  /**
   * Drops the developer's DOCKER_* and RCLONE_* variables (DOCKER_HOST, DOCKER_CONTEXT,
   * RCLONE_CONFIG...) so that a peer or CLI started here sees only what the harness gives it.
   */
  static void withoutPeerSettings(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("DOCKER_") || name.startsWith("RCLONE_"));
  }

  static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  /** The last {@code maxChars} of a log file, for a skip or failure message. */
  static String tail(Path log, int maxChars) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
    } catch (IOException | UncheckedIOException e) {
      return "(no log at " + log + ": " + e.getMessage() + ")";
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A temp file left behind is harmless.
      }
    }
  }
}
