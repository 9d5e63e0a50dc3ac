package io.dvdcli.shim;

import io.dvdcli.shim.host.HostOperations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Stands in for the host without root: logs each bind mount, read-only remount, unmount and chown
 * (not the mount-point queries, which change nothing), keeps a mount table, and fails any logged
 * call on demand, named as it is logged (e.g. {@code "bind-mount /volumes/fake/a /tmp/x"}).
 */
final class RecordingHost implements HostOperations {
  private final CallLog log;
  private final Set<String> mountPoints = new HashSet<>();
  private final Set<String> failing = new HashSet<>();
  private Runnable onBindMount = () -> {};

  RecordingHost(CallLog log) {
    this.log = log;
  }

  synchronized void fail(String call) {
    failing.add(call);
  }

  synchronized void repair(String call) {
    failing.remove(call);
  }

  /** Runs as each bind mount starts, to look at what is on disk at that moment. */
  synchronized void onBindMount(Runnable action) {
    onBindMount = action;
  }

  synchronized Set<String> mountPoints() {
    return Set.copyOf(mountPoints);
  }

  @Override
  public void bindMount(Path source, Path target) throws IOException {
    Runnable action;
    synchronized (this) {
      action = onBindMount;
    }
    action.run();
    synchronized (this) {
      attempt("bind-mount " + source + " " + target);
      mountPoints.add(target.toString());
    }
  }

  @Override
  public synchronized void makeReadOnly(Path target) throws IOException {
    attempt("make-read-only " + target);
  }

  @Override
  public synchronized void unmount(Path target) throws IOException {
    attempt("unmount " + target);
    mountPoints.remove(target.toString());
  }

  @Override
  public synchronized boolean isMountPoint(Path path) {
    return mountPoints.contains(path.toString());
  }

  @Override
  public synchronized void chown(Path path, String user) throws IOException {
    attempt("chown " + path + " " + user);
  }

  private void attempt(String call) throws IOException {
    log.add(call);
    if (failing.contains(call)) {
      throw new IOException("Failed to " + call + ": refused by the test");
    }
  }
}
