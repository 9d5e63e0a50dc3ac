package io.dvdcli.testing;

import io.dvdcli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Runs dvdcli's {@code Main.run} in the test JVM, for the many quirk cases where a JVM per case would only add time. */
public final class InProcess {
  /**
   * The command timeout for a run meant to end in its timeout (a hung plugin): long enough that on
   * a busy host the healthy calls before the hung one finish, so the timeout names the hung call
   * (a warm mount took up to 1.6 s on a 2-core host at load 24; a cold one took 6.4 s, which is
   * why every run here comes after {@link Warm}).
   */
  public static final String HANG_TIMEOUT_SECONDS = "5";

  private final Map<String, String> env = new HashMap<>();

  public InProcess(Path socketsDir, Path specsDir) {
    env.put("DVDCLI_SOCKETS_DIR", socketsDir.toString());
    env.put("DVDCLI_SPECS_DIRS", specsDir.toString());
    env.put("DVDCLI_RETRY_TIMEOUT", "0");
    env.put("DVDCLI_MOUNT_ID", "test-id");
    env.put("DVDCLI_STATE_DIR", socketsDir.toAbsolutePath().getParent().resolve("dvdcli-state").toString());
  }

  public InProcess env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** Runs without {@code key} in the environment (e.g. DVDCLI_MOUNT_ID, as on an agent). */
  public InProcess without(String key) {
    env.remove(key);
    return this;
  }

  /**
   * Once per test JVM, before the first run: a mount and an unmount against a plugin on a real
   * UNIX socket, so that no run pays for loading dvdcli's classes inside its command timeout,
   * whichever test class happens to run first.
   */
  private static final class Warm {
    static {
      try {
        Path dir = Files.createTempDirectory("dvdcli-warm-up");
        Path sockets = Files.createDirectory(dir.resolve("sockets"));
        try (FakePlugin plugin = FakePlugin.start(sockets.resolve("warm.sock"))) {
          InProcess warm = new InProcess(sockets, sockets).env("DVDCLI_STATE_DIR", dir.resolve("state").toString());
          for (String command : new String[] {"mount", "unmount"}) {
            Dvdcli.Result r = warm.call(command, "--volumedriver=warm", "--volumename=v");
            if (r.exit() != 0) {
              throw new IllegalStateException("the warm-up " + command + " failed: " + r);
            }
          }
        } finally {
          try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      } catch (Exception e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    static void up() {}
  }

  public Dvdcli.Result run(String... args) {
    Warm.up();
    return call(args);
  }

  private Dvdcli.Result call(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Dvdcli.Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1_000_000);
  }
}
