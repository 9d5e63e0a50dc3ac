package io.dvdcli.shim;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every scenario of {@link MesosScenariosTest} against rclone's Docker volume plugin: a real
 * third-party plugin with FUSE mounts that refuses a Mount with an ID that already holds the
 * volume. The shared-volume scenario is the one that failed before each mount had its own ID.
 * Needs root, rclone, fuse3 and /dev/fuse; skipped, saying why, without them.
 */
class MesosScenariosOnRcloneTest extends MesosScenariosTest {
  @Override
  Backend backend(Path dir) throws Exception {
    Files.createDirectories(dir);
    return new RcloneBackend(dir);
  }
}
