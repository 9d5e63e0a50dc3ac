package io.dvdcli.testing;

import io.dvdcli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs dvdcli's {@code Main.run} in the test JVM, for the many quirk cases where a JVM per case would only add time. */
public final class InProcess {
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

  public Dvdcli.Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Dvdcli.Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1_000_000);
  }
}
