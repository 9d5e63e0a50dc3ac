package io.dvdcli.testsupport.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A managed (v2) volume plugin made by the test: the project's reference plugin (or any Java
 * plugin main class that takes {@code --socket PATH --root DIR}) run by the host's JDK, its class
 * path bind-mounted in, installed with {@code docker plugin create NAME DIR} and enabled with
 * {@code docker plugin enable NAME}. The folder given to {@code docker plugin create}:
 *
 * <pre>
 * workDir/
 *   config.json   Interface {Types: [docker.volumedriver/1.0], Socket: plugin.sock},
 *                 PropagatedMount /data, Network none, Entrypoint java ... --socket
 *                 /run/docker/plugins/plugin.sock --root /data; Mounts: host /usr and /etc
 *                 read-only, each class path entry read-only under /opt/plugin/cp/N/
 *   rootfs/       empty usr etc opt/plugin run/docker/plugins data tmp proc dev sys, and Debian's
 *                 merged-/usr links lib -> usr/lib, lib64 -> usr/lib64, bin -> usr/bin, sbin -> usr/sbin
 * </pre>
 *
 * As a real engine does it (moby plugin/v2, checked on dockerd 20.10.24): the socket appears on
 * the host at /run/docker/plugins/&lt;Id&gt;/plugin.sock whatever dockerd's exec-root; a path the
 * plugin returns is a path inside it, under /data for its volumes, which the host sees at
 * {@code <DockerRootDir>/plugins/<Id>/propagated-mount/...} ({@link #hostPath(String)}).
 */
public final class ManagedPluginPeer {
  /** Where the engine puts every managed plugin's socket folder, whatever its exec-root. */
  public static final Path HOST_SOCKETS = Path.of("/run/docker/plugins");

  public static final String REFERENCE_PLUGIN_MAIN = "io.dvdcli.localplugin.Main";
  public static final String SOCKET = "plugin.sock";
  public static final String PROPAGATED_MOUNT = "/data";

  /** The reference plugin's launcher flags (scripts/local-volume-plugin): small and quick to start. */
  private static final List<String> JVM_FLAGS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx64m", "-XX:-UsePerfData", "-Xshare:auto");

  private static final List<String> ROOTFS_DIRS =
      List.of("usr", "etc", "opt/plugin", "opt/java", "run/docker/plugins", "data", "tmp", "proc", "dev", "sys");

  private final RealDockerEngine engine;
  private final String name;
  private final String id;
  private final Path workDir;

  private ManagedPluginPeer(RealDockerEngine engine, String name, String id, Path workDir) {
    this.engine = engine;
    this.name = name;
    this.id = id;
    this.workDir = workDir;
  }

  /**
   * Builds the plugin folder in {@code workDir}, runs {@code docker plugin create name workDir}
   * and {@code docker plugin enable name}. {@code name} is {@code org/name[:tag]} (lower case).
   *
   * @param javaBinary the host's {@code java} (e.g. {@link #currentJava()}); a JDK under /usr is
   *     used in place, any other is bind-mounted at /opt/java
   * @param classPath jars and folders holding {@code mainClass} and its dependencies (e.g.
   *     {@link #testClassPath()}, or target/local-volume-plugin.jar alone)
   * @param mainClass e.g. {@link #REFERENCE_PLUGIN_MAIN}
   */
  public static ManagedPluginPeer create(
      RealDockerEngine engine, String name, Path workDir, Path javaBinary, List<Path> classPath, String mainClass)
      throws IOException {
    return create(engine, name, workDir, javaBinary, classPath, mainClass, PROPAGATED_MOUNT);
  }

  /**
   * As {@link #create(RealDockerEngine, String, Path, Path, List, String)}, with the plugin's state
   * root ({@code --root}) at {@code stateRoot} inside it: {@code /data} (PropagatedMount, the
   * usual layout) or any other folder, e.g. {@code /srv/state}, whose paths the host sees under
   * the plugin's rootfs instead.
   */
  public static ManagedPluginPeer create(
      RealDockerEngine engine, String name, Path workDir, Path javaBinary, List<Path> classPath, String mainClass,
      String stateRoot)
      throws IOException {
    if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isBlank()) {
      throw new IllegalArgumentException("a plugin name is lower case org/name[:tag]: " + name);
    }
    Path dir = workDir.toAbsolutePath().normalize();
    Path rootfs = dir.resolve("rootfs");
    for (String folder : ROOTFS_DIRS) {
      Files.createDirectories(rootfs.resolve(folder));
    }
    for (String link : List.of("lib", "lib64", "bin", "sbin")) {
      Path at = rootfs.resolve(link);
      if (!Files.exists(at, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(at, Path.of("usr", link));
      }
    }
    Files.writeString(dir.resolve("config.json"), config(javaBinary, classPath, mainClass, stateRoot), StandardCharsets.UTF_8);

    CommandResult created = engine.docker("plugin", "create", name, dir.toString());
    if (!created.ok()) {
      throw new IllegalStateException("docker plugin create failed: " + created);
    }
    CommandResult inspected = engine.docker("plugin", "inspect", "--format", "{{.Id}}", name);
    if (!inspected.ok()) {
      throw new IllegalStateException("docker plugin inspect failed: " + inspected);
    }
    ManagedPluginPeer plugin = new ManagedPluginPeer(engine, name, inspected.stdout().strip(), dir);
    engine.created(name, plugin.id);
    plugin.enable();
    return plugin;
  }

  /** The reference plugin from the running test's class path, with this JVM's java. */
  public static ManagedPluginPeer createReferencePlugin(RealDockerEngine engine, String name, Path workDir)
      throws IOException {
    return create(engine, name, workDir, currentJava(), testClassPath(), REFERENCE_PLUGIN_MAIN);
  }

  /** This JVM's java binary. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** This JVM's class path (surefire sets java.class.path to the test class path), existing entries only. */
  public static List<Path> testClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(entry -> Path.of(entry).toAbsolutePath().normalize())
        .filter(Files::exists)
        .distinct()
        .toList();
  }

  static String config(Path javaBinary, List<Path> classPath, String mainClass, String stateRoot) throws IOException {
    Path realJava = javaBinary.toRealPath();
    Path javaHome = realJava.getParent().getParent();
    List<String> mounts = new ArrayList<>();
    mounts.add(mount("usr", Path.of("/usr"), "/usr", "rbind"));
    mounts.add(mount("etc", Path.of("/etc"), "/etc", "rbind"));
    String javaInside;
    if (realJava.startsWith("/usr/")) {
      javaInside = realJava.toString();
    } else {
      mounts.add(mount("java", javaHome, "/opt/java", "rbind"));
      javaInside = "/opt/java/" + javaHome.relativize(realJava);
    }
    List<String> inside = new ArrayList<>();
    for (int i = 0; i < classPath.size(); i++) {
      Path entry = classPath.get(i).toAbsolutePath().normalize();
      boolean folder = Files.isDirectory(entry);
      String destination = "/opt/plugin/cp/" + i + (folder ? "" : "/" + entry.getFileName());
      mounts.add(mount("cp" + i, entry, destination, folder ? "rbind" : "bind"));
      inside.add(destination);
    }
    List<String> entrypoint = new ArrayList<>();
    entrypoint.add(javaInside);
    entrypoint.addAll(JVM_FLAGS);
    entrypoint.addAll(List.of("-cp", String.join(":", inside), mainClass,
        "--socket", "/run/docker/plugins/" + SOCKET, "--root", stateRoot));
    // Field names and shapes: Docker's "Plugin Config Version 1 of Plugin V2" (docs/extend/config.md)
    // and moby api/types/plugin.go (PluginConfig).
    return "{\n"
        + "  \"Description\": \"dvdcli tests: a Java volume plugin run as a managed plugin\",\n"
        + "  \"Documentation\": \"\",\n"
        + "  \"Interface\": {\"Types\": [\"docker.volumedriver/1.0\"], \"Socket\": " + JsonLiterals.quote(SOCKET) + "},\n"
        + "  \"Entrypoint\": " + JsonLiterals.array(entrypoint) + ",\n"
        + "  \"WorkDir\": \"/\",\n"
        + "  \"Network\": {\"Type\": \"none\"},\n"
        + "  \"Mounts\": [\n    " + String.join(",\n    ", mounts) + "\n  ],\n"
        + "  \"PropagatedMount\": " + JsonLiterals.quote(PROPAGATED_MOUNT) + ",\n"
        + "  \"Linux\": {\"Capabilities\": [], \"AllowAllDevices\": false, \"Devices\": []},\n"
        + "  \"Env\": [],\n"
        + "  \"Args\": {\"Name\": \"\", \"Description\": \"\", \"Settable\": [], \"Value\": []}\n"
        + "}\n";
  }

  private static String mount(String name, Path source, String destination, String bind) {
    return "{\"Name\": " + JsonLiterals.quote(name)
        + ", \"Description\": " + JsonLiterals.quote("host " + source + ", read-only")
        + ", \"Source\": " + JsonLiterals.quote(source.toString())
        + ", \"Destination\": " + JsonLiterals.quote(destination)
        + ", \"Type\": \"bind\", \"Options\": " + JsonLiterals.array(List.of(bind, "ro")) + "}";
  }

  /** The name it was created with (maybe without a tag). */
  public String name() {
    return name;
  }

  /** The engine's name for it: {@code org/name:tag}, {@code :latest} when created without a tag. */
  public String reference() {
    String last = name.substring(name.lastIndexOf('/') + 1);
    return last.contains(":") ? name : name + ":latest";
  }

  /** The engine's 64-hex plugin Id. */
  public String id() {
    return id;
  }

  public Path workDir() {
    return workDir;
  }

  /** The plugin's socket on the host: /run/docker/plugins/&lt;Id&gt;/plugin.sock (while enabled). */
  public Path hostSocket() {
    return HOST_SOCKETS.resolve(id).resolve(SOCKET);
  }

  /**
   * Where the host sees a path the plugin returned (moby plugin/v2 ScopedPath and the volume
   * adapter): under PropagatedMount it is {@code <DockerRootDir>/plugins/<Id>/propagated-mount/<rest>},
   * any other path {@code <DockerRootDir>/plugins/<Id>/rootfs/<path>}.
   */
  public Path hostPath(String pathInPlugin) {
    Path pluginDir = engine.dataRoot().resolve("plugins").resolve(id);
    Path inside = Path.of(pathInPlugin).normalize();
    Path propagated = Path.of(PROPAGATED_MOUNT);
    if (inside.startsWith(propagated)) {
      return pluginDir.resolve("propagated-mount").resolve(propagated.relativize(inside).toString());
    }
    return pluginDir.resolve("rootfs").resolve(Path.of("/").relativize(inside).toString());
  }

  /** {@code docker plugin enable}; fails with the engine's words and log when it cannot start. */
  public void enable() {
    CommandResult enabled = engine.docker("plugin", "enable", name);
    if (!enabled.ok()) {
      throw new IllegalStateException("docker plugin enable failed: " + enabled + "\ndockerd log: " + engine.logExcerpt());
    }
  }

  /** {@code docker plugin disable -f} (force: volumes of it may still be known to the engine). */
  public void disable() {
    CommandResult disabled = engine.docker("plugin", "disable", "-f", name);
    if (!disabled.ok()) {
      throw new IllegalStateException("docker plugin disable failed: " + disabled);
    }
  }

  /** {@code docker plugin rm -f}: gone from the engine (and from {@code GET /plugins}). */
  public void remove() {
    CommandResult removed = engine.docker("plugin", "rm", "-f", name);
    if (!removed.ok()) {
      throw new IllegalStateException("docker plugin rm failed: " + removed);
    }
    engine.removed(name);
  }

  @Override
  public String toString() {
    return reference() + " (" + id + ")";
  }
}
