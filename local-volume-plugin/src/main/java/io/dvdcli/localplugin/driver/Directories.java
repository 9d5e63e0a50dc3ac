package io.dvdcli.localplugin.driver;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes and deletes the plugin's directories with fixed permissions (whatever the umask): nothing
 * is world-writable, and the path down to a mount point stays traversable for container users.
 */
final class Directories {
  private static final Set<PosixFilePermission> TRAVERSE_ONLY = PosixFilePermissions.fromString("rwx--x--x");
  private static final Set<PosixFilePermission> DATA = PosixFilePermissions.fromString("rwxr-xr-x");

  private Directories() {}

  static void ensureRoot(VolumeLayout layout) throws IOException {
    ensure(layout.root(), TRAVERSE_ONLY);
    ensure(layout.volumesDir(), TRAVERSE_ONLY);
  }

  static void ensureVolume(VolumeLayout layout, VolumeName name) throws IOException {
    ensureRoot(layout);
    ensure(layout.volumeDir(name), TRAVERSE_ONLY);
    ensure(layout.mountpoint(name), DATA);
  }

  private static void ensure(Path dir, Set<PosixFilePermission> permissions) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, permissions);
  }

  /** Deletes a volume's directory tree without following symbolic links out of it. */
  static void deleteVolume(VolumeLayout layout, VolumeName name) throws IOException {
    Path dir = layout.volumeDir(name);
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
