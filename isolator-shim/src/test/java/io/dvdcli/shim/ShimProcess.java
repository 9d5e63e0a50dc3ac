package io.dvdcli.shim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real launcher, scripts/isolator-shim, on the test class path, as a separate process. */
public final class ShimProcess {
  public record Result(int exitStatus, String stdout, String stderr) {
    public String lastErrorLine() {
      List<String> lines = stderr.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  private final Map<String, String> environment = new HashMap<>();

  public ShimProcess(Map<String, String> environment) {
    this.environment.putAll(environment);
  }

  public static Path launcher() {
    return Path.of(System.getProperty("dvdcli.root", "..")).resolve("scripts/isolator-shim").toAbsolutePath();
  }

  public ProcessBuilder builder(List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(launcher().toString());
    argv.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().put("ISOLATOR_SHIM_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().putAll(environment);
    return builder;
  }

  public Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("shim-out", ".txt");
    Path err = Files.createTempFile("shim-err", ".txt");
    try {
      Process process = builder(List.of(args))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("isolator-shim did not finish: " + String.join(" ", args));
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Starts the shim with the crash seam at {@code step}, waits until it pauses there, then kill -9s it. */
  public void killAt(String step, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = builder(List.of(args));
    builder.environment().put("ISOLATOR_SHIM_CRASH_AT", step);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    StringBuilder seen = new StringBuilder();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        seen.append(line).append('\n');
        if (line.equals("isolator-shim: test seam: paused at " + step)) {
          process.destroyForcibly(); // SIGKILL
          process.waitFor();
          return;
        }
      }
    }
    process.waitFor();
    throw new IllegalStateException("isolator-shim never reached step " + step + " (exit " + process.exitValue()
        + "): " + seen);
  }
}
