package io.dvdcli.packaging;

import static io.dvdcli.packaging.HostCommands.SYSTEM_PATH;
import static io.dvdcli.packaging.HostCommands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages as an operator meets them, on this very machine (CI runs as root on a fresh Debian):
 * lintian; install; the unit checked by systemd-analyze; {@code dvdcli version}; a mount and an
 * unmount through PATH against the packaged plugin started as its unit starts it; dvdcli-csi's start
 * and stop from its own package (none of its files in the dvdcli package, no dependency on it); the
 * dpkg trigger;
 * upgrade over itself; removal; and the filesystem afterwards exactly as before. The same with rpm
 * ({@code --nodeps}: Debian has no RPM-packaged JDK; a private database: Debian keeps none).
 * Timings are written to target/package-timings.txt.
 */
class PackagesIT {
  private static final Path TARGET = Path.of(System.getProperty("packages.dir", "target"));
  private static final String VERSION = System.getProperty("package.version", "unknown");
  private static final String UNIT = "dvdcli-local-volume-plugin.service";
  private static final Path STATE_ROOT = Path.of("/var/lib/dvdcli-local-volume-plugin");
  private static final Path SOCKETS = Path.of("/run/docker/plugins");
  /** The three packages, removed in this order (none depends on another one). */
  private static final List<String> PACKAGES = List.of("dvdcli-local-volume-plugin", "dvdcli-csi", "dvdcli");
  /** What the packages could touch; /usr holds /lib and /sbin on a merged-/usr system. */
  private static final List<Path> WATCHED = List.of(Path.of("/usr"), Path.of("/etc"), Path.of("/var/cache"),
      Path.of("/var/lib"), SOCKETS);
  /**
   * The package managers' own records of what they did (dpkg's database and its backups, debconf's
   * cache). They change with every operation by design; everything else must come back as it was.
   */
  private static final List<String> BOOKKEEPING = List.of("/var/lib/dpkg/", "/var/cache/debconf/");
  /**
   * A managed plugin's folder, named by its 64-hex-digit id: a Docker engine's (other tests on a
   * shared machine run one); these packages never make one.
   */
  private static final Pattern MANAGED_PLUGIN = Pattern.compile("/run/docker/plugins/[0-9a-f]{64}(/.*)?");

  private static final List<String> timings = new ArrayList<>();
  private static boolean createdSocketsDir;

  @BeforeAll
  static void socketsFolder() throws IOException {
    // Docker creates /run/docker/plugins at start; on a machine without a running Docker the test
    // makes it, so that the plugin creating it is not taken for something the packages left behind.
    if (HostCommands.isRoot() && !Files.isDirectory(SOCKETS)) {
      Files.createDirectories(SOCKETS);
      createdSocketsDir = true;
    }
  }

  @AfterAll
  static void writeTimings() throws IOException {
    if (createdSocketsDir) {
      try (Stream<Path> left = Files.list(SOCKETS)) {
        if (left.findAny().isEmpty()) {
          Files.delete(SOCKETS);
        }
      }
    }
    if (!timings.isEmpty()) {
      Files.write(TARGET.resolve("package-timings.txt"), timings, StandardCharsets.UTF_8);
    }
  }

  @Test
  void lintianFindsNoErrorOrWarningInTheDebs() {
    assumeTrue(HostCommands.onPath("lintian"), "lintian is not installed (.ci/run installs it)");
    List<String> command = new ArrayList<>(List.of("lintian", "--fail-on", "error,warning", "--info"));
    command.addAll(debs().stream().map(Path::toString).toList());
    HostCommands.Result result = run(command, null, 300);
    timings.add("lintian output:\n" + result.out().strip());
    assertEquals(0, result.code(), "lintian:\n" + result.out() + result.err());
  }

  @Test
  void debInstallsWorksUpgradesOverItselfAndPurgesToTheSameFilesystem(@TempDir Path tmp) throws Exception {
    assumeMachineCanInstall("dpkg");
    Set<String> before = snapshot();
    List<String> files = debs().stream().map(Path::toString).toList();
    try {
      timed("deb install (dpkg -i, three packages)", () -> dpkg("-i", files));
      for (String name : PACKAGES) {
        assertEquals(VERSION, run(30, "dpkg-query", "-W", "-f", "${Version}", name).expectSuccess().out(), name);
      }
      // dvdcli-csi needs a Java runtime as dvdcli does, and not dvdcli (its jar is self-contained).
      assertEquals(run(30, "dpkg-query", "-W", "-f", "${Depends}", "dvdcli").expectSuccess().out(),
          run(30, "dpkg-query", "-W", "-f", "${Depends}", "dvdcli-csi").expectSuccess().out());
      assertNoCsiFiles("dvdcli", run(30, "dpkg", "-L", "dvdcli").expectSuccess().out());
      verifyUnit(Path.of("/lib/systemd/system", UNIT));
      exercise();
      timed("deb dvdcli-csi (version, refusal, serve, JAVA_HOME)", () -> exerciseCsi(tmp));

      // A JDK package installing under /usr/lib/jvm activates the file trigger: the archive is rebuilt.
      deleteArchives();
      timed("deb trigger (/usr/lib/jvm) rebuilds the archive", () -> {
        run(30, "dpkg-trigger", "--no-await", "/usr/lib/jvm").expectSuccess();
        run(300, "dpkg", "--triggers-only", "dvdcli").expectSuccess();
      });
      assertTrue(archiveExists(), "no archive in /var/cache/dvdcli after the trigger");

      timed("deb upgrade over itself (dpkg -i again)", () -> dpkg("-i", files));
      assertTrue(Files.exists(Path.of("/etc/default/dvdcli-local-volume-plugin")), "conffile lost on upgrade");
      exercise();
    } finally {
      timed("deb purge (dpkg --purge, three packages)", () -> dpkg("--purge", PACKAGES));
    }
    assertSameFilesystem(before, snapshot());
  }

  @Test
  void rpmInstallsWorksUpgradesOverItselfAndErasesToTheSameFilesystem(@TempDir Path db, @TempDir Path tmp)
      throws Exception {
    assumeMachineCanInstall("rpm");
    Set<String> before = snapshot();
    List<String> files = rpms().stream().map(Path::toString).toList();
    try {
      timed("rpm install (rpm -i --nodeps, three packages)", () -> rpm(db, "-i", "--nodeps", files));
      for (String name : PACKAGES) {
        assertEquals(VERSION, run(List.of("rpm", "--dbpath", db.toString(), "-q", "--qf", "%{VERSION}", name), null, 30)
            .expectSuccess().out(), name);
      }
      // The same Java requirement as dvdcli's (java-headless >= 1:17), and not dvdcli.
      String csiRequires = run(List.of("rpm", "--dbpath", db.toString(), "-q", "-R", "dvdcli-csi"), null, 30)
          .expectSuccess().out();
      assertTrue(csiRequires.lines().anyMatch(l -> l.strip().equals("java-headless >= 1:17")), csiRequires);
      assertFalse(csiRequires.lines().anyMatch(l -> l.strip().split(" ")[0].equals("dvdcli")), csiRequires);
      assertNoCsiFiles("dvdcli", run(List.of("rpm", "--dbpath", db.toString(), "-q", "-l", "dvdcli"), null, 30)
          .expectSuccess().out());
      verifyUnit(Path.of("/usr/lib/systemd/system", UNIT));
      exercise();
      timed("rpm dvdcli-csi (version, refusal, serve, JAVA_HOME)", () -> exerciseCsi(tmp));
      timed("rpm upgrade over itself (rpm -U --replacepkgs --nodeps)",
          () -> rpm(db, "-U", "--replacepkgs", "--nodeps", files));
      assertTrue(Files.exists(Path.of("/etc/sysconfig/dvdcli-local-volume-plugin")), "config file lost on upgrade");
      exercise();
    } finally {
      timed("rpm erase (rpm -e, three packages)", () -> rpm(db, "-e", "--nodeps", PACKAGES));
    }
    Set<String> after = snapshot();
    // Debian's rpm package owns no /etc/sysconfig; an RPM system has it before and after.
    if (!before.contains("/etc/sysconfig")) {
      after.remove("/etc/sysconfig");
    }
    assertSameFilesystem(before, after);
  }

  /**
   * What an operator and the agent do with the installed packages: the version, the archive, and
   * a mount and an unmount (dvdcli found through PATH as the agent finds it) against the plugin
   * started as its unit starts it; the volume is removed afterwards.
   */
  private void exercise() throws Exception {
    Path dvdcli = HostCommands.which("dvdcli", SYSTEM_PATH).orElseThrow(() -> new AssertionError("dvdcli is not on PATH"));
    assertEquals(Path.of("/usr/bin/dvdcli"), dvdcli);
    Map<String, String> agentEnv = Map.of("PATH", SYSTEM_PATH);
    String version = run(List.of(dvdcli.toString(), "version"), agentEnv, 60).expectSuccess().out();
    assertEquals("dvdcli " + VERSION, version.lines().findFirst().orElse(""), version);
    assertTrue(archiveExists(), "no start-up archive in /var/cache/dvdcli");
    // The agent's call really uses it: told to refuse to start without a usable archive, it starts.
    String strict = archiveName().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on";
    run(List.of(dvdcli.toString(), "version"), Map.of("PATH", SYSTEM_PATH, "DVDCLI_JAVA_OPTS", strict), 60)
        .expectSuccess();
    String shimPath = HostCommands.which("isolator-shim", SYSTEM_PATH).orElseThrow().toString();
    run(List.of(shimPath, "--help"), agentEnv, 60).expectSuccess();

    ServiceUnit unit = ServiceUnit.read(Path.of("/lib/systemd/system", UNIT).toFile().exists()
        ? Path.of("/lib/systemd/system", UNIT) : Path.of("/usr/lib/systemd/system", UNIT));
    String name = unit.environment().get("PLUGIN_NAME");
    ProcessBuilder builder = new ProcessBuilder(unit.argv())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(TARGET.resolve("packaged-plugin.log").toFile()));
    builder.environment().clear();
    builder.environment().putAll(unit.environment());
    Process plugin = builder.start();
    try {
      awaitListening(plugin, unit);
      String volume = "pkgtest";
      String mounted = run(List.of(dvdcli.toString(), "mount", "--volumedriver=" + name, "--volumename=" + volume),
          agentEnv, 120).expectSuccess().out().strip();
      Path path = Path.of(mounted);
      assertTrue(path.startsWith(STATE_ROOT), mounted);
      assertTrue(Files.isDirectory(path), mounted);
      Files.writeString(path.resolve("hello.txt"), "hello");
      assertTrue(Files.isDirectory(Path.of("/var/lib/dvdcli/mount-ids")), "no mount-ID record in the package's state folder");
      run(List.of(dvdcli.toString(), "unmount", "--volumedriver=" + name, "--volumename=" + volume), agentEnv, 120)
          .expectSuccess();
      run(List.of(dvdcli.toString(), "remove", "--volumedriver=" + name, "--volumename=" + volume), agentEnv, 60)
          .expectSuccess();
      assertFalse(Files.exists(path), "the removed volume's folder is still there");
    } finally {
      plugin.destroy();
      if (!plugin.waitFor(30, TimeUnit.SECONDS)) {
        plugin.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertFalse(Files.exists(SOCKETS.resolve(name + ".sock")), "the plugin left its socket behind");
  }

  /** The dvdcli package's file list ({@code dpkg -L}, {@code rpm -ql}) names nothing of dvdcli-csi's. */
  private static void assertNoCsiFiles(String name, String files) {
    List<String> csi = files.lines().map(String::strip)
        .filter(f -> f.contains("dvdcli-csi") || f.contains("kubernetes")).toList();
    assertTrue(csi.isEmpty(), "the " + name + " package still holds dvdcli-csi's files: " + csi);
  }

  /**
   * dvdcli-csi as installed: the files the DaemonSet mounts from the host are there; its version;
   * its refusal without an endpoint (exit 2, one line); a real start (the socket appears, stderr
   * says " serving ") and stop on SIGTERM, as Kubernetes stops the pod (exit 0, socket removed);
   * and the launcher as the DaemonSet's JRE image runs it: JAVA_HOME set, no java on PATH.
   */
  private void exerciseCsi(Path tmp) throws Exception {
    Path csi = HostCommands.which("dvdcli-csi", SYSTEM_PATH)
        .orElseThrow(() -> new AssertionError("dvdcli-csi is not on PATH"));
    assertEquals(Path.of("/usr/bin/dvdcli-csi"), csi);
    for (String file : List.of("/usr/share/dvdcli-csi/dvdcli-csi.jar", "/usr/share/man/man8/dvdcli-csi.8.gz",
        "/usr/share/bash-completion/completions/dvdcli-csi",
        "/usr/share/doc/dvdcli-csi/examples/kubernetes/node-daemonset.yaml")) {
      assertTrue(Files.isRegularFile(Path.of(file)), "not installed: " + file);
    }
    // Every host path under /usr that the installed DaemonSet mounts into its container exists.
    Path daemonSet = Path.of("/usr/share/doc/dvdcli-csi/examples/kubernetes/node-daemonset.yaml");
    List<String> hostPaths = Files.readAllLines(daemonSet, StandardCharsets.UTF_8).stream()
        .map(l -> l.strip()).filter(l -> l.startsWith("path: /usr/")).map(l -> l.substring("path: ".length())).toList();
    assertFalse(hostPaths.isEmpty(), daemonSet + " mounts nothing from /usr");
    hostPaths.forEach(p -> assertTrue(Files.exists(Path.of(p)), daemonSet + " mounts " + p + ", which the package lacks"));

    Map<String, String> env = Map.of("PATH", SYSTEM_PATH);
    HostCommands.Result version = run(List.of(csi.toString(), "--version"), env, 60).expectSuccess();
    assertEquals("dvdcli-csi " + VERSION, version.out().strip(), version.err());

    HostCommands.Result refused = run(List.of(csi.toString()), env, 60);
    assertEquals(2, refused.code(), "dvdcli-csi without an endpoint:\n" + refused.err());
    assertEquals(1, refused.err().strip().lines().count(), "not one line on stderr:\n" + refused.err());
    assertTrue(refused.err().startsWith("dvdcli-csi: "), refused.err());

    Path socket = tmp.resolve("csi.sock");
    Path log = tmp.resolve("csi.log");
    ProcessBuilder builder = new ProcessBuilder(csi.toString(), "--endpoint", "unix://" + socket,
        "--state-dir", tmp.resolve("state").toString(), "--mode", "node", "--node-id", "n1")
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process server = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!(Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && read(log).contains(" serving "))) {
        assertTrue(server.isAlive(), "dvdcli-csi exited (" + (server.isAlive() ? "" : server.exitValue()) + "):\n" + read(log));
        assertTrue(System.nanoTime() < deadline, "dvdcli-csi did not serve within 90 s:\n" + read(log));
        Thread.sleep(50);
      }
      server.destroy();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "dvdcli-csi did not stop within 30 s of SIGTERM:\n" + read(log));
      assertEquals(0, server.exitValue(), "dvdcli-csi's exit code on SIGTERM:\n" + read(log));
      assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "dvdcli-csi left its socket behind:\n" + read(log));
    } finally {
      if (server.isAlive()) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.writeString(TARGET.resolve("packaged-csi.log"), read(log), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    // The DaemonSet's image (eclipse-temurin:17-jre) sets JAVA_HOME and has no JDK under /usr/lib/jvm:
    // the launcher must take JAVA_HOME's java, with only the tools it uses on PATH and no java there.
    Path tools = Files.createDirectories(tmp.resolve("tools"));
    for (String tool : List.of("sed", "head", "readlink", "dirname")) {
      Files.createSymbolicLink(tools.resolve(tool), HostCommands.which(tool, SYSTEM_PATH)
          .orElseThrow(() -> new AssertionError(tool + " is not on PATH")));
    }
    Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
    HostCommands.Result fromJavaHome = run(List.of(csi.toString(), "--version"), Map.of("PATH", tools.toString(),
        "JAVA_HOME", javaHome.toString(), "DVDCLI_CSI_JAVA_OPTS", "-XshowSettings:properties"), 60).expectSuccess();
    assertEquals("dvdcli-csi " + VERSION, fromJavaHome.out().strip(), fromJavaHome.err());
    assertTrue(fromJavaHome.err().contains("java.home = " + javaHome + "\n"),
        "the launcher did not run JAVA_HOME's java (" + javaHome + "):\n" + fromJavaHome.err());
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Started as the unit says, the plugin prints "listening on ..." once it answers. */
  private static void awaitListening(Process plugin, ServiceUnit unit) throws Exception {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return new BufferedReader(new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        return null;
      }
    });
    String first = line.get(90, TimeUnit.SECONDS);
    assertTrue(first != null && first.startsWith("listening on unix://"),
        "the plugin started as " + unit.argv() + " did not come up: " + first);
  }

  private static void verifyUnit(Path unit) {
    if (!HostCommands.onPath("systemd-analyze")) {
      timings.add("systemd-analyze verify: skipped, systemd-analyze is not installed");
      return;
    }
    // --man=no: checking Documentation= runs man(1), which leaves a formatted copy in
    // /var/cache/man; ManPagesIT checks that the page it names is built.
    HostCommands.Result result = run(60, "systemd-analyze", "verify", "--man=no", unit.toString());
    assertEquals(0, result.code(), "systemd-analyze verify " + unit + ":\n" + result.out() + result.err());
    assertEquals("", result.err().strip(), "systemd-analyze verify " + unit + " warns");
  }

  private static void assumeMachineCanInstall(String tool) {
    assumeTrue(HostCommands.isRoot(), "installs packages into this machine: needs root (CI runs as root)");
    assumeTrue(HostCommands.onPath(tool), tool + " is not installed (.ci/run installs it)");
    assumeTrue(!Files.exists(Path.of("/usr/bin/dvdcli")) && !Files.exists(Path.of("/usr/share/dvdcli"))
            && !Files.exists(Path.of("/usr/bin/dvdcli-csi")) && !Files.exists(Path.of("/usr/share/dvdcli-csi"))
            && !Files.exists(Path.of("/usr/sbin/dvdcli-local-volume-plugin")),
        "dvdcli is already installed here (/usr/bin/dvdcli): the test installs and removes the packages, "
            + "so it runs only where they are not installed");
  }

  private static void dpkg(String action, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("dpkg", action));
    command.addAll(arguments);
    run(command, null, 300).expectSuccess();
  }

  private static void rpm(Path db, String action, String option, List<String> arguments) {
    rpm(db, action, option, null, arguments);
  }

  private static void rpm(Path db, String action, String option, String option2, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("rpm", "--dbpath", db.toString(), action, option));
    if (option2 != null) {
      command.add(option2);
    }
    command.addAll(arguments);
    run(command, null, 300).expectSuccess();
  }

  private static boolean archiveExists() throws IOException {
    return !archiveName().isEmpty();
  }

  /** The archive's file name in /var/cache/dvdcli, or "". */
  private static String archiveName() throws IOException {
    Path cache = Path.of("/var/cache/dvdcli");
    if (!Files.isDirectory(cache)) {
      return "";
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsa") || n.endsWith(".aot"))
          .findFirst().orElse("");
    }
  }

  private static void deleteArchives() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("/var/cache/dvdcli"))) {
      for (Path file : files.toList()) {
        String n = file.getFileName().toString();
        if (n.endsWith(".jsa") || n.endsWith(".aot")) {
          Files.delete(file);
        }
      }
    }
  }

  private static List<Path> debs() {
    return packages(".deb");
  }

  private static List<Path> rpms() {
    return packages(".rpm");
  }

  /** dvdcli, dvdcli-csi, dvdcli-local-volume-plugin (shortest name first): the order they install in. */
  private static List<Path> packages(String suffix) {
    try (Stream<Path> files = Files.list(TARGET)) {
      List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted((a, b) -> Integer.compare(a.getFileName().toString().length(), b.getFileName().toString().length()))
          .toList();
      assertEquals(3, found.size(), "expected three " + suffix + " packages in " + TARGET + ": " + found);
      return found;
    } catch (IOException e) {
      throw new AssertionError("Failed to list " + TARGET, e);
    }
  }

  /** Every path under the watched folders, package-manager bookkeeping aside. */
  static Set<String> snapshot() throws IOException {
    Set<String> paths = new TreeSet<>();
    for (Path root : WATCHED) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.map(Path::toString)
            .filter(p -> BOOKKEEPING.stream().noneMatch(b -> p.startsWith(b) || (p + "/").equals(b)))
            .filter(p -> !MANAGED_PLUGIN.matcher(p).matches())
            .forEach(paths::add);
      }
    }
    return paths;
  }

  private static void assertSameFilesystem(Set<String> before, Set<String> after) {
    Set<String> added = new TreeSet<>(after);
    added.removeAll(before);
    Set<String> gone = new TreeSet<>(before);
    gone.removeAll(after);
    assertTrue(added.isEmpty() && gone.isEmpty(), "the filesystem differs from before the install:\n  left behind: "
        + added + "\n  missing: " + gone);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void timed(String what, Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    timings.add(String.format("%-55s %6.1f s", what, (System.nanoTime() - start) / 1e9));
  }
}
