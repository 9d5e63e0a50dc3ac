package io.dvdcli.shim.host;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the isolator asks of the host besides dvdcli: bind mounts at container paths and the task
 * user's ownership of a host path. Each call is one host step with no rules of its own, so that
 * the isolator's rules (what is undone when a step fails) live in one place and can be tested
 * without root against a stand-in. {@link LinuxHost} is the real one.
 */
public interface HostOperations {
  /** Mounts {@code source} at {@code target} recursively ({@code mount --rbind}). */
  void bindMount(Path source, Path target) throws IOException;

  /** Makes the bind mount at {@code target} read-only ({@code remount,bind,ro}). */
  void makeReadOnly(Path target) throws IOException;

  /** Unmounts {@code target} and everything mounted below it. */
  void unmount(Path target) throws IOException;

  /** Whether something is mounted at {@code path} in this mount namespace. */
  boolean isMountPoint(Path path) throws IOException;

  /** Gives {@code path} (not recursively) to {@code user} and that user's login group. */
  void chown(Path path, String user) throws IOException;
}
