package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dvdcli.hostmounts.BindMounts;
import io.dvdcli.localplugin.LocalVolumePlugin;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node for Flexvolume tests: kubelet's root and plugin folders in a temp folder, the driver for
 * one Docker plugin installed there by {@code dvdcli flexvolume install} (run in-process), and a
 * {@link Kubelet} that runs it as a real process through the real launcher.
 */
final class FlexvolumeNode implements AutoCloseable {
  final Path base;
  final Path sockets;
  final Path specs;
  final Path state;
  final Path executable;
  final Kubelet kubelet;
  final Map<String, String> env = new HashMap<>();
  private LocalVolumePlugin referencePlugin;

  FlexvolumeNode(Path base, String plugin, Map<String, String> extraEnv) throws IOException {
    this.base = base;
    this.sockets = Files.createDirectories(base.resolve("plugins"));
    this.specs = Files.createDirectories(base.resolve("specs"));
    this.state = base.resolve("state");
    Path pluginDir = base.resolve("exec");
    Dvdcli.Result installed = new InProcess(sockets, specs).run("flexvolume", "install", "--volumedriver=" + plugin,
        "--plugin-dir", pluginDir.toString(), "--dvdcli", Dvdcli.launcher().toString(), "--state-dir", state.toString());
    assertEquals(0, installed.exit(), installed.toString());
    this.executable = Path.of(installed.stdout().strip());
    env.put("DVDCLI_CLASSPATH", System.getProperty("java.class.path"));
    env.put("DVDCLI_SOCKETS_DIR", sockets.toString());
    env.put("DVDCLI_SPECS_DIRS", specs.toString());
    env.put("DVDCLI_RETRY_TIMEOUT", "0");
    env.putAll(extraEnv);
    this.kubelet = new Kubelet(base.resolve("kubelet"), executable, env);
  }

  /** The reference plugin as {@code localvol} on this node's plugin socket folder; closed with the node. */
  LocalVolumePlugin startReferencePlugin() throws IOException {
    referencePlugin = LocalVolumePlugin.start(sockets.resolve("localvol.sock"), base.resolve("plugin-state"));
    return referencePlugin;
  }

  /** Another kubelet process on the same node, whose driver calls see {@code extra} too. */
  Kubelet kubeletWith(Map<String, String> extra) {
    Map<String, String> more = new HashMap<>(env);
    more.putAll(extra);
    return new Kubelet(base.resolve("kubelet"), executable, more);
  }

  /** Polls (bounded) until {@code condition} holds; no timing is asserted. */
  static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.call()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  MountRecords records() {
    return new MountRecords(state);
  }

  /** Every mount point under the test's folder, deepest first. */
  List<String> mountsBelow(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ");
      String point = BindMounts.unescape(fields[4]);
      if (point.startsWith(dir.toString() + "/")) {
        found.add(0, point);
      }
    }
    return found;
  }

  boolean isMountPoint(Path dir) throws IOException {
    return mountsBelow(dir.getParent()).contains(dir.toString());
  }

  /** Whatever a failed test left mounted goes, so the temp folder can be deleted. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (referencePlugin != null) {
      referencePlugin.close();
    }
    for (String point : mountsBelow(base)) {
      new ProcessBuilder("umount", "-l", point).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
