package io.dvdcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.FakePlugin;
import io.dvdcli.testing.FakePlugin.Reply;
import io.dvdcli.testsupport.peers.CapturedAnswers;
import io.dvdcli.testsupport.peers.HttpAnswer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The installed dvdcli (scripts/install: the packaged jar, the launcher, the archive it trains)
 * runs the agent's mount and unmount with every class from the archive: a class the training run
 * missed is read from the jar, and the first one costs the jar's 3,000-entry index on every call
 * (scripts/BENCHMARK.md). Not a timing test: it checks where classes come from, and that the JDK
 * set-up the call avoids stays avoided. Installed twice: for the JDK the launcher picks (25 in CI,
 * an AOT cache) and for the JDK running the tests (17 in CI, a dynamic AppCDS archive).
 */
class ArchiveCoversTheAgentPathIT {
  @TempDir static Path tmp;
  static Path launcher;
  /**
   * The same install made with the JDK running the tests (JDK 17 in CI, a dynamic AppCDS archive),
   * called with {@code DVDCLI_JAVA} naming it; the launcher's own pick is the newest JDK (25 in CI).
   */
  static Path runningJdkLauncher;
  static final String RUNNING_JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  static Path sockets;
  /** TMPDIR of the install, so the training run's folder is found (or not) afterwards. */
  static Path trainingTmp;
  static FakePlugin plugin;
  /** A plugin without the volume: the agent's first mount creates it (Get, Create, Mount). */
  static FakePlugin creating;

  @BeforeAll
  static void install() throws Exception {
    Path root = Dvdcli.launcher().getParent().getParent();
    Path jar = root.resolve("dvdcli/target/dvdcli.jar");
    assertTrue(Files.isRegularFile(jar), "packaged before integration tests: " + jar);
    trainingTmp = Files.createDirectories(tmp.resolve("training-tmp"));
    launcher = install(root, jar, "prefix");
    runningJdkLauncher = install(root, jar, "prefix-running-jdk", "--java", RUNNING_JAVA);
    sockets = Files.createDirectories(tmp.resolve("plugins"));
    plugin = FakePlugin.start(sockets.resolve("fake.sock"))
        .on("VolumeDriver.Get", Reply.json("{\"Volume\":{\"Name\":\"v1\"},\"Err\":\"\"}"))
        .on("VolumeDriver.Mount", Reply.json("{\"Mountpoint\":\"/mnt/v1\",\"Err\":\"\"}"))
        .on("VolumeDriver.Unmount", Reply.json("{\"Err\":\"\"}"));
    // Get of a missing volume as rclone answers it, replayed from its captured answer.
    HttpAnswer missing = CapturedAnswers.load("rclone/get-missing.http");
    creating = FakePlugin.start(sockets.resolve("creating.sock"))
        .on("VolumeDriver.Get", Reply.status(missing.status(), missing.header("content-type").orElseThrow(),
            missing.body()))
        .on("VolumeDriver.Create", Reply.json("{\"Err\":\"\"}"))
        .on("VolumeDriver.Mount", Reply.json("{\"Mountpoint\":\"/mnt/v1\",\"Err\":\"\"}"));
  }

  /** scripts/install into tmp/{@code name}, as an operator runs it; the installed launcher. */
  private static Path install(Path root, Path jar, String name, String... more) throws Exception {
    Path prefix = tmp.resolve(name);
    List<String> argv = new java.util.ArrayList<>(List.of(root.resolve("scripts/install").toString(),
        "--prefix", prefix.toString(), "--jar", jar.toString()));
    argv.addAll(List.of(more));
    Path log = tmp.resolve(name + "-install.log");
    ProcessBuilder installing = new ProcessBuilder(argv)
        .redirectInput(new File("/dev/null"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    installing.environment().put("TMPDIR", trainingTmp.toString()); // where the launcher makes the training folder
    Process install = installing.start();
    assertTrue(install.waitFor(300, TimeUnit.SECONDS), "install ended");
    assertEquals(0, install.exitValue(), () -> read(log));
    return prefix.resolve("bin/dvdcli");
  }

  @AfterAll
  static void stop() throws Exception {
    if (plugin != null) {
      plugin.close();
    }
    if (creating != null) {
      creating.close();
    }
  }

  @ParameterizedTest(name = "{0} JDK, {1} {2}: no class read from the jar")
  @CsvSource({"launcher's, mount, fake", "launcher's, unmount, fake", "launcher's, mount, creating",
      "running, mount, fake", "running, unmount, fake", "running, mount, creating"})
  void theAgentsCallsLoadEveryClassFromTheArchive(String jdk, String command, String driver) throws Exception {
    List<String> lines = call(jdk, command, driver);
    assertTrue(lines.stream().anyMatch(l -> l.contains("source: shared objects file")), "the archive was used");
    if (jdk.equals("running") && Runtime.version().feature() < 25) {
      // JDK 17-24: dvdcli's classes come from the dynamic archive on top of the JDK's own.
      assertTrue(lines.stream().anyMatch(l -> l.contains(" io.dvdcli.Main source: shared objects file (top)")),
          "dvdcli's classes came from the dynamic archive");
    }
    List<String> fromJar = lines.stream().filter(l -> l.contains("source: file:") || l.contains("source: jar:")).toList();
    assertEquals(List.of(), fromJar, "classes the archive's training run (io.dvdcli.aot.TrainingRun) does not load");
  }

  /** The launcher removes the training folder and stops the training plugin's JVM when training ends. */
  @org.junit.jupiter.api.Test
  void theTrainingLeavesNeitherItsFolderNorItsPluginBehind() throws Exception {
    try (var left = Files.list(trainingTmp)) {
      assertEquals(List.of(), left.toList(), "left in the install's TMPDIR");
    }
    String folder = trainingTmp.toString();
    List<String> peers = List.of();
    for (int attempt = 0; attempt < 100; attempt++) { // a JVM stopped by SIGTERM takes a moment to go
      peers = ProcessHandle.allProcesses()
          .map(ph -> ph.info().commandLine().orElse(""))
          .filter(cmd -> cmd.contains("io.dvdcli.aot.TrainingPlugin") && cmd.contains(folder))
          .toList();
      if (peers.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    assertEquals(List.of(), peers, "training plugins still running 10 s after the install");
  }

  /**
   * The training plugin runs in a JVM of its own (the launcher's DVDCLI_ARCHIVE_PEER), so none of
   * a server's classes are in the archive: an AOT cache's classes are all loaded by every call. The
   * call's log lists a whole AOT cache (it shows the training run's own class, which no call uses);
   * a dynamic AppCDS archive (JDK 17-24) loads its classes only when used, so there is nothing to
   * see in its log.
   */
  @org.junit.jupiter.api.Test
  void theArchiveHoldsNoneOfTheTrainingPluginsClasses() throws Exception {
    List<String> loaded = call("mount");
    assumeTrue(loaded.stream().anyMatch(l -> l.contains(" io.dvdcli.aot.TrainingRun source: shared objects file")),
        "not an AOT cache (JDK 25+): its classes are not all listed");
    List<String> server = loaded.stream()
        .filter(l -> l.contains(" io.dvdcli.aot.TrainingPlugin") || l.contains(" sun.nio.ch.ServerSocketChannelImpl ")
            || l.contains(" sun.security.provider.Sun ") || l.contains(" sun.security.util.KnownOIDs "))
        .toList();
    assertEquals(List.of(), server, "classes of the training plugin's JVM in the archive");
  }

  /**
   * The plugin's "volume not found" (HTTP 500, {"Err":...}) is read by the client's codec: the
   * mapper's start-up, even from the archive, tripled a first mount.
   */
  @ParameterizedTest(name = "{0} JDK, mount {1}: Jackson's mapper is not set up")
  @CsvSource({"launcher's, fake", "launcher's, creating", "running, fake", "running, creating"})
  void theAgentsMountDoesNotSetUpJacksonsMapper(String jdk, String driver) throws Exception {
    assertEquals(List.of(), initialised(call(jdk, "mount", driver), "com/fasterxml/jackson/databind/ObjectMapper"));
  }

  /** io.dvdcli.startup.LeanSecurity: the "SUN" provider registers every algorithm it has. */
  @ParameterizedTest(name = "{0}: the SUN security provider is not set up")
  @ValueSource(strings = {"mount", "unmount"})
  void theAgentsCallsDoNotSetUpTheSunProvider(String command) throws Exception {
    assertEquals(List.of(), initialised(call(command), "sun/security/provider/Sun", "sun/security/util/KnownOIDs"));
  }

  /**
   * Readiness: an answer within a second is waited for in naps, without a selector and the JDK's
   * sun.nio.ch.Net. The fake plugin answers at once, but a loaded machine may still make one call
   * wait longer, so one of three calls must show it; a regression shows it in every call.
   */
  @ParameterizedTest(name = "{0} JDK, {1}: a prompt answer needs no selector")
  @CsvSource({"launcher's, mount", "launcher's, unmount", "running, mount", "running, unmount"})
  void aPromptAnswerIsWaitedForWithoutASelector(String jdk, String command) throws Exception {
    List<String> seen = List.of();
    for (int attempt = 0; attempt < 3; attempt++) {
      seen = initialised(call(jdk, command, "fake"), "sun/nio/ch/Net", "java/nio/channels/Selector");
      if (seen.isEmpty()) {
        return;
      }
    }
    assertEquals(List.of(), seen, "classes initialised in each of three calls");
  }

  /**
   * JDK 25: a call does not replay the AOT cache's training data (the launcher's
   * -XX:-AOTReplayTraining; a replay thread queued the training run's hot methods for C1 in every
   * call). Only for 25: the flag is diagnostic, and the launcher names it for 25 alone.
   */
  @org.junit.jupiter.api.Test
  void onJdk25ACallDoesNotReplayTheCachesTrainingData() throws Exception {
    try (var files = Files.list(launcher.getParent().getParent().resolve("lib/dvdcli"))) {
      assumeTrue(files.anyMatch(f -> f.getFileName().toString().matches("dvdcli-25[.+].*\\.aot")),
          "the launcher's JDK is not 25");
    }
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "version")
        .redirectInput(new File("/dev/null"))
        .redirectOutput(tmp.resolve("flags.out").toFile())
        .redirectError(tmp.resolve("flags.err").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("DVDCLI_"));
    pb.environment().put("DVDCLI_JAVA_OPTS", "-XX:+PrintFlagsFinal");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the call ended");
    assertEquals(0, p.exitValue(), () -> read(tmp.resolve("flags.err")));
    List<String> replay = Files.readAllLines(tmp.resolve("flags.out")).stream()
        .filter(l -> l.contains(" AOTReplayTraining ")).map(l -> l.replaceAll("\\s+", " ").strip()).toList();
    assertEquals(1, replay.size(), () -> "the flag in -XX:+PrintFlagsFinal: " + replay);
    assertTrue(replay.get(0).contains("= false") && replay.get(0).contains("command line"), replay.get(0));
  }

  /**
   * The usual install links the launcher into the agent's PATH ({@code ln -s /opt/dvdcli/bin/dvdcli
   * /usr/local/bin/dvdcli}); the launcher finds its jar from where it really is, through a chain
   * of links, relative or absolute.
   */
  @org.junit.jupiter.api.Test
  void theInstalledLauncherWorksThroughAChainOfSymlinks() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("usr-local-bin"));
    Path direct = Files.createSymbolicLink(bin.resolve("dvdcli-abs"), launcher);
    Path relative = Files.createSymbolicLink(bin.resolve("dvdcli"), Path.of("dvdcli-abs"));
    ProcessBuilder pb = new ProcessBuilder(relative.toString(), "mount", "--volumedriver=fake", "--volumename=v1")
        .redirectInput(new File("/dev/null"))
        .redirectOutput(tmp.resolve("symlink.out").toFile())
        .redirectError(tmp.resolve("symlink.err").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("DVDCLI_"));
    pb.environment().put("DVDCLI_SOCKETS_DIR", sockets.toString());
    pb.environment().put("DVDCLI_STATE_DIR", tmp.resolve("state").toString());
    pb.environment().put("DVDCLI_SPECS_DIRS", "");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the call ended");
    assertEquals(0, p.exitValue(), () -> read(tmp.resolve("symlink.err")) + " (through " + direct + ")");
    assertEquals("/mnt/v1\n", read(tmp.resolve("symlink.out")));
  }

  /** Runs the installed dvdcli as the agent does; the JVM's class log of the call. */
  private static List<String> call(String command) throws Exception {
    return call("launcher's", command, "fake");
  }

  /** {@code jdk}: "launcher's" (the JDK the launcher picks) or "running" (the JDK running the tests). */
  private static List<String> call(String jdk, String command, String driver) throws Exception {
    boolean running = jdk.equals("running");
    Path classLog = Files.createTempFile(tmp, command + "-classes", ".log");
    ProcessBuilder pb = new ProcessBuilder((running ? runningJdkLauncher : launcher).toString(), command,
        "--volumedriver=" + driver, "--volumename=v1")
        .redirectInput(new File("/dev/null"))
        .redirectOutput(tmp.resolve(command + ".out").toFile())
        .redirectError(tmp.resolve(command + ".err").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("DVDCLI_"));
    pb.environment().put("DVDCLI_SOCKETS_DIR", sockets.toString());
    pb.environment().put("DVDCLI_STATE_DIR", tmp.resolve("state").toString());
    pb.environment().put("DVDCLI_SPECS_DIRS", "");
    pb.environment().put("DVDCLI_JAVA_OPTS", "-Xlog:class+load=info,class+init=info:file=" + classLog);
    if (running) {
      pb.environment().put("DVDCLI_JAVA", RUNNING_JAVA);
    }
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the call ended");
    assertEquals(0, p.exitValue(), () -> read(tmp.resolve(command + ".err")));
    return Files.readAllLines(classLog);
  }

  /** Which of {@code classes} (internal names) the log shows initialised. */
  private static List<String> initialised(List<String> log, String... classes) {
    List<String> wanted = List.of(classes);
    String marker = "Initializing '";
    return log.stream().filter(l -> l.contains(marker))
        .map(l -> l.substring(l.indexOf(marker) + marker.length()))
        .map(rest -> rest.substring(0, rest.indexOf('\'')))
        .filter(wanted::contains)
        .toList();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      return "(" + e + ")";
    }
  }
}
