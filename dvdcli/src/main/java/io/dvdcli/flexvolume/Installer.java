package io.dvdcli.flexvolume;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Lays out {@code <plugin dir>/dvdcli~<name>/<name>} for kubelet, and removes it. kubelet watches the
 * plugin folder and runs {@code init} on any change in a driver's folder, ignoring names that start
 * with a dot (pkg/volume/flexvolume/probe.go): so the executable is written under a dot name and
 * renamed into place, and a new driver folder appears whole (made as a dot folder, then renamed), so
 * kubelet never probes a folder without its executable.
 */
public final class Installer {
  public static final Path DEFAULT_PLUGIN_DIR = Path.of("/usr/libexec/kubernetes/kubelet-plugins/volume/exec");

  private final Path pluginDir;

  public Installer(Path pluginDir) {
    this.pluginDir = pluginDir;
  }

  /** Writes (or replaces) the driver; returns the executable's path. */
  public Path install(String plugin, String driverName, Path dvdcli, Path stateDir) throws IOException {
    Path folder = pluginDir.resolve(DriverName.folder(driverName));
    String script = DriverScript.render(plugin, driverName, dvdcli, stateDir);
    Files.createDirectories(pluginDir);
    if (Files.isDirectory(folder)) {
      writeExecutable(folder, driverName, script);
      return folder.resolve(driverName);
    }
    Path staging = pluginDir.resolve("." + folder.getFileName() + ".new");
    deleteTree(staging);
    Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    writeExecutable(staging, driverName, script);
    Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
    return folder.resolve(driverName);
  }

  /** Removes the driver's executable, and its folder once empty; true when there was one. */
  public boolean uninstall(String driverName) throws IOException {
    Path folder = pluginDir.resolve(DriverName.folder(driverName));
    boolean existed = Files.deleteIfExists(folder.resolve(driverName));
    try {
      Files.deleteIfExists(folder);
    } catch (DirectoryNotEmptyException e) {
      // Someone else's files: theirs to remove.
    }
    return existed;
  }

  private static void writeExecutable(Path folder, String name, String script) throws IOException {
    Path tmp = folder.resolve("." + name + ".new");
    Files.writeString(tmp, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    try {
      Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
