package io.dvdcli.shim;

import io.dvdcli.shim.driver.DriverException;
import io.dvdcli.shim.driver.DvdcliCalls;
import io.dvdcli.shim.state.DockerVolume;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for dvdcli without processes: logs {@code dvdcli mount driver/name} and {@code dvdcli
 * unmount driver/name}, keeps what is mounted, and fails a call on demand, the way the real one can.
 */
final class RecordingDvdcli implements DvdcliCalls {
  /** How a call may go wrong. */
  enum Failure {
    /** dvdcli exited non-zero: nothing changed. */
    REFUSED,
    /** dvdcli was killed at its time limit after it had mounted: the outcome is unknown. */
    TIMED_OUT_AFTER_MOUNTING
  }

  private final CallLog log;
  private final Set<String> mounted = new HashSet<>();
  private final Map<String, Failure> mountFailures = new HashMap<>();
  private final Set<String> unmountFailures = new HashSet<>();
  private Runnable onMount = () -> {};

  RecordingDvdcli(CallLog log) {
    this.log = log;
  }

  static String hostPath(String name) {
    return "/volumes/fake/" + name;
  }

  synchronized void failMount(String name, Failure how) {
    mountFailures.put(name, how);
  }

  synchronized void failUnmounts(String name) {
    unmountFailures.add(name);
  }

  synchronized void repair(String name) {
    mountFailures.remove(name);
    unmountFailures.remove(name);
  }

  /** Runs as each mount starts, to look at what is on disk at that moment. */
  synchronized void onMount(Runnable action) {
    onMount = action;
  }

  synchronized boolean isMounted(String name) {
    return mounted.contains(name);
  }

  @Override
  public String mount(DockerVolume volume, Map<String, String> options, boolean explicitCreate, Started started)
      throws DriverException {
    Runnable action;
    synchronized (this) {
      action = onMount;
    }
    action.run();
    synchronized (this) {
      log.add("dvdcli mount " + volume);
      Failure failure = mountFailures.get(volume.name());
      if (failure == Failure.REFUSED) {
        throw new DriverException("Failed to mount volume '" + volume + "': dvdcli exited with status 1", true);
      }
      mounted.add(volume.name());
      if (failure == Failure.TIMED_OUT_AFTER_MOUNTING) {
        throw new DriverException("Failed to mount volume '" + volume + "': dvdcli timed out", false);
      }
      return hostPath(volume.name());
    }
  }

  @Override
  public synchronized void unmount(DockerVolume volume, Started started) throws DriverException {
    log.add("dvdcli unmount " + volume);
    if (unmountFailures.contains(volume.name())) {
      throw new DriverException("Failed to unmount volume '" + volume + "': dvdcli exited with status 1", true);
    }
    mounted.remove(volume.name());
  }
}
