package io.dvdcli.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher ({@code scripts/dvdcli}) as the Mesos agent does: an argv, stdin from
 * /dev/null, stdout and stderr captured apart, the exit status read. The test class path stands in
 * for the jar (DVDCLI_CLASSPATH), so the code under test is what Maven just compiled.
 */
public final class Dvdcli {
  public record Result(int exit, byte[] stdoutBytes, String stderr, long millis) {
    public String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public String lastStderrLine() {
      String[] lines = stderr.strip().split("\n");
      return lines[lines.length - 1];
    }

    @Override
    public String toString() {
      return "exit=" + exit + " stdout=[" + stdout() + "] stderr=[" + stderr + "]";
    }
  }

  /**
   * The command timeout for a run meant to end in its timeout (a hung plugin): long enough that on
   * a busy host the fresh JVM's healthy calls still reach the hung one, so the timeout names it. A
   * loaded 2-core host took up to ~6 s for a cold mount; the hang costs the test this long.
   */
  public static final String HANG_TIMEOUT_SECONDS = "15";

  private final Map<String, String> env = new HashMap<>();

  public Dvdcli(Path socketsDir, Path specsDir) {
    env.put("DVDCLI_CLASSPATH", System.getProperty("java.class.path"));
    env.put("DVDCLI_SOCKETS_DIR", socketsDir.toString());
    env.put("DVDCLI_SPECS_DIRS", specsDir.toString());
    env.put("DVDCLI_RETRY_TIMEOUT", "0");
    // The mount-ID ledger next to the test's plugin folders, never the host's /var/lib/dvdcli.
    env.put("DVDCLI_STATE_DIR", socketsDir.toAbsolutePath().getParent().resolve("dvdcli-state").toString());
  }

  public Dvdcli env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public static Path launcher() {
    String root = System.getProperty("dvdcli.root", "..");
    return Path.of(root, "scripts", "dvdcli").toAbsolutePath().normalize();
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(launcher().toString());
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(new File("/dev/null"));
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("dvdcli did not end within 180 s: " + argv);
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8), ms);
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  public static Path emptyDir(Path parent, String name) throws IOException {
    return Files.createDirectories(parent.resolve(name));
  }
}
