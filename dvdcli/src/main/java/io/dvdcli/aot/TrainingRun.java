package io.dvdcli.aot;

import io.dvdcli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The class-data archive's training run ({@code scripts/install} runs it under
 * {@code -XX:AOTCacheOutput} on JDK 25+, {@code -XX:ArchiveClassesAtExit} on 17): the mount and
 * unmount paths exactly as the Mesos agent drives them, against a throw-away plugin on a UNIX
 * socket, so the archive holds what a real call loads. Run: {@code TrainingRun DIR}, with
 * {@link TrainingPlugin} serving {@code DIR} from a JVM of its own (the launcher starts both, see
 * {@code DVDCLI_ARCHIVE_PEER}), so that none of the plugin's classes go into the archive. Exit 0
 * only if every call succeeded and the plugin saw every call.
 */
public final class TrainingRun {
  // The files the training plugin keeps in DIR. Constants, so that the plugin's class is never
  // loaded here: it would go into the archive.
  static final String SOCKET = "training.sock";
  static final String READY = "ready";
  static final String CALLS = "calls";
  /** Bound on the wait for the training plugin to listen (a cold JVM on a loaded host). */
  private static final long PLUGIN_WAIT_NANOS = 60_000_000_000L;
  private static final long NAP_NANOS = 10_000_000L;

  private TrainingRun() {}

  public static void main(String[] args) throws IOException {
    // First, as in main(): before anything opens a channel, so that the JDK never searches services
    // for a selector provider here, which a call does not do either.
    Map<String, String> processEnv = Main.processSetUp();
    if (args.length != 1) {
      System.err.println("usage: TrainingRun DIR (DIR served by io.dvdcli.aot.TrainingPlugin)");
      Runtime.getRuntime().halt(2);
    }
    Path dir = Path.of(args[0]);
    int failures = 0;
    if (!pluginListens(dir)) {
      System.err.println("dvdcli training: no training plugin listening in " + dir + " after "
          + PLUGIN_WAIT_NANOS / 1_000_000_000L + " s (the launcher starts it when DVDCLI_ARCHIVE_PEER"
          + " names io.dvdcli.aot.TrainingPlugin)");
      failures++;
    } else {
      // The process's own environment as main() reads it (without DVDCLI_ settings of whoever
      // installs), so the archive holds what a real call loads for it.
      Map<String, String> env = new HashMap<>();
      for (Map.Entry<String, String> e : processEnv.entrySet()) {
        if (!e.getKey().startsWith("DVDCLI_")) {
          env.put(e.getKey(), e.getValue());
        }
      }
      env.put("DVDCLI_SOCKETS_DIR", dir.toString());
      env.put("DVDCLI_SPECS_DIRS", "");
      env.put("DVDCLI_STATE_DIR", dir.resolve("state").toString());
      // First mount creates the volume (Get says missing), the second finds it: both paths. Each
      // mount records its own ID; the unmount releases both (Activate + 2 Unmounts).
      failures += run(env, "mount", "--volumedriver=training", "--volumename=v1", "--volumeopts=size=1");
      failures += run(env, "mount", "--volumedriver=training", "--volumename=v1");
      failures += run(env, "unmount", "--volumedriver=training", "--volumename=v1");
      int calls = callsAnswered(dir);
      if (calls != 10) {
        System.err.println("dvdcli training: expected 10 plugin calls, saw " + calls);
        failures++;
      }
    }
    System.out.flush();
    System.err.flush();
    // As Main does, and for the same reason: exit() would set up System.Logger, and every class
    // this JVM loads goes into the archive, which a call then loads whether it needs it or not.
    Runtime.getRuntime().halt(failures == 0 ? 0 : 1);
  }

  /** Waits, within a bound, for the plugin's ready mark (written once its socket listens). */
  private static boolean pluginListens(Path dir) {
    Path ready = dir.resolve(READY);
    long deadline = System.nanoTime() + PLUGIN_WAIT_NANOS;
    while (!Files.exists(ready)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(NAP_NANOS); // what a call's own naps use (plain Thread.sleep would add classes)
    }
    return true;
  }

  /** The number of calls the training plugin has answered (0 if none). */
  private static int callsAnswered(Path dir) throws IOException {
    Path file = dir.resolve(CALLS);
    return Files.exists(file) ? Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII)) : 0;
  }

  private static int run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (code != 0) {
      System.err.println("dvdcli training: '" + String.join(" ", args) + "' exited " + code + ": "
          + err.toString(StandardCharsets.UTF_8).strip());
      return 1;
    }
    return 0;
  }
}
