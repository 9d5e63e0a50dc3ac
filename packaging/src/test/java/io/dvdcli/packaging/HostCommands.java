package io.dvdcli.packaging;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the host's own tools (dpkg, rpm, lintian, the installed commands), each with a time limit. */
final class HostCommands {
  /** What systemd gives a system service, and what a Mesos agent started by systemd inherits. */
  static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private HostCommands() {}

  record Result(List<String> command, int code, String out, String err) {
    Result expectSuccess() {
      if (code != 0) {
        throw new AssertionError(String.join(" ", command) + " exited " + code + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }
  }

  static Result run(List<String> command, Map<String, String> environment, long timeoutSeconds) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (environment != null) {
      builder.environment().clear();
      builder.environment().putAll(environment);
    }
    try {
      Process process = builder.start();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
      return new Result(command, process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static Result run(long timeoutSeconds, String... command) {
    return run(List.of(command), null, timeoutSeconds);
  }

  static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    });
  }

  /** The first executable NAME in PATH's folders, as Mesos's os::which finds dvdcli. */
  static Optional<Path> which(String name, String path) {
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static boolean onPath(String tool) {
    return which(tool, System.getenv().getOrDefault("PATH", SYSTEM_PATH) + ":" + SYSTEM_PATH).isPresent();
  }

  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
