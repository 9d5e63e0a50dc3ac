package io.dvdcli.aot;

import io.dvdcli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The class-data archive's training run ({@code scripts/install} runs it under
 * {@code -XX:AOTCacheOutput} on JDK 25+, {@code -XX:ArchiveClassesAtExit} on 17): the mount and
 * unmount paths exactly as the Mesos agent drives them, against a throw-away plugin on a UNIX
 * socket, so the archive holds what a real call loads. Exit 0 only if every call succeeded.
 */
public final class TrainingRun {
  private TrainingRun() {}

  public static void main(String[] args) throws IOException {
    // First, as in main(): before anything opens a channel (the training plugin does), so that the
    // JDK never searches services for a selector provider here, which a call does not do either.
    Map<String, String> processEnv = Main.processSetUp();
    Path dir = Files.createTempDirectory("dvdcli-training");
    int failures = 0;
    try (TrainingPlugin plugin = TrainingPlugin.start(dir.resolve("training.sock"), dir.resolve("volumes"))) {
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
      if (plugin.calls() != 10) {
        System.err.println("dvdcli training: expected 10 plugin calls, saw " + plugin.calls());
        failures++;
      }
    } finally {
      delete(dir.toFile());
    }
    System.out.flush();
    System.err.flush();
    // As Main does, and for the same reason: exit() would set up System.Logger, and every class
    // this JVM loads goes into the archive, which a call then loads whether it needs it or not.
    Runtime.getRuntime().halt(failures == 0 ? 0 : 1);
  }

  /** Plain recursion: Files.walk's streams and lambdas would go into the archive too. */
  private static void delete(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        delete(child);
      }
    }
    file.delete();
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
