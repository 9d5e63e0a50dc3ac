package io.dvdcli.localplugin.driver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A volume is a directory under the state root, like Docker's {@code local} driver. Changes are
 * serialised and each one is written to {@code state.json} before it is answered, so a restart
 * finds every volume, its options and its consumers' mount IDs again. Reads use the last
 * committed table and never wait for a write.
 */
public final class DirectoryVolumeDriver implements VolumeBackend {
  private final VolumeLayout layout;
  private final StateStore store;
  private final Clock clock;
  private final Object writeLock = new Object();
  private volatile SortedMap<String, StoredVolume> volumes;

  private DirectoryVolumeDriver(
      VolumeLayout layout, StateStore store, Clock clock, SortedMap<String, StoredVolume> volumes) {
    this.layout = layout;
    this.store = store;
    this.clock = clock;
    this.volumes = Collections.unmodifiableSortedMap(volumes);
  }

  /** Opens (or creates) the state under {@code root} and recovers what a previous run left. */
  public static DirectoryVolumeDriver open(Path root, Clock clock) throws IOException {
    VolumeLayout layout = new VolumeLayout(root);
    try {
      Directories.ensureRoot(layout);
    } catch (IOException e) {
      throw new IOException(
          "Failed to create state root '" + layout.root() + "': " + IoErrors.describe(e), e);
    }
    StateStore store = new StateStore(layout);
    SortedMap<String, StoredVolume> recovered = new Recovery(layout, store, clock.instant()).recover();
    store.write(recovered.values());
    return new DirectoryVolumeDriver(layout, store, clock, new TreeMap<>(recovered));
  }

  public static DirectoryVolumeDriver open(Path root) throws IOException {
    return open(root, Clock.systemUTC());
  }

  public VolumeLayout layout() {
    return layout;
  }

  @Override
  public void create(String name, Map<String, String> options) throws VolumeException {
    VolumeName volume = VolumeName.of("create", name);
    synchronized (writeLock) {
      if (volumes.containsKey(name)) {
        return;
      }
      try {
        Directories.ensureVolume(layout, volume);
      } catch (IOException e) {
        throw VolumeException.failed("create", name, "cannot make its directory: " + IoErrors.describe(e));
      }
      Instant now = clock.instant();
      commit("create", name, next -> next.put(name, StoredVolume.created(volume, now, options)));
    }
  }

  @Override
  public void remove(String name) throws VolumeException {
    VolumeName volume = VolumeName.of("remove", name);
    synchronized (writeLock) {
      StoredVolume stored = existing("remove", name);
      if (!stored.mountIds().isEmpty()) {
        throw VolumeException.failed(
            "remove", name, "it is still mounted by ID(s) " + String.join(", ", stored.mountIds()));
      }
      // Data first, then the state: a crash in between leaves a listed volume whose directory is
      // made again at start, and the unanswered Remove can simply be repeated.
      try {
        Directories.deleteVolume(layout, volume);
      } catch (IOException e) {
        throw VolumeException.failed("remove", name, "cannot delete its directory: " + IoErrors.describe(e));
      }
      commit("remove", name, next -> next.remove(name));
    }
  }

  @Override
  public Path mount(String name, String mountId) throws VolumeException {
    VolumeName volume = VolumeName.of("mount", name);
    requireMountId("mount", name, mountId);
    synchronized (writeLock) {
      StoredVolume stored = existing("mount", name);
      try {
        // The path handed out must exist even if someone deleted it behind the plugin's back.
        Directories.ensureVolume(layout, volume);
      } catch (IOException e) {
        throw VolumeException.failed("mount", name, "cannot make its directory: " + IoErrors.describe(e));
      }
      if (!stored.mountIds().contains(mountId)) {
        Set<String> ids = new TreeSet<>(stored.mountIds());
        ids.add(mountId);
        commit("mount", name, next -> next.put(name, stored.withMountIds(ids)));
      }
    }
    return layout.mountpoint(volume);
  }

  @Override
  public void unmount(String name, String mountId) throws VolumeException {
    VolumeName.of("unmount", name);
    requireMountId("unmount", name, mountId);
    synchronized (writeLock) {
      StoredVolume stored = existing("unmount", name);
      if (!stored.mountIds().contains(mountId)) {
        String held =
            stored.mountIds().isEmpty()
                ? "it is not mounted"
                : "it is mounted only by ID(s) " + String.join(", ", stored.mountIds());
        throw VolumeException.failed(
            "unmount", name, "ID '" + mountId + "' has not mounted it (" + held + ")");
      }
      Set<String> ids = new TreeSet<>(stored.mountIds());
      ids.remove(mountId);
      commit("unmount", name, next -> next.put(name, stored.withMountIds(ids)));
    }
  }

  @Override
  public Path path(String name) throws VolumeException {
    VolumeName volume = VolumeName.of("find the path of", name);
    existing("find the path of", name);
    return layout.mountpoint(volume);
  }

  @Override
  public DirectoryVolume get(String name) throws VolumeException {
    VolumeName.of("get", name);
    return toVolume(existing("get", name));
  }

  @Override
  public List<DirectoryVolume> list() {
    return volumes.values().stream().map(this::toVolume).toList();
  }

  @Override
  public String scope() {
    return "local";
  }

  private StoredVolume existing(String verb, String name) throws VolumeException {
    StoredVolume stored = volumes.get(name);
    if (stored == null) {
      throw VolumeException.failed(verb, name, "no such volume");
    }
    return stored;
  }

  private static void requireMountId(String verb, String name, String mountId)
      throws VolumeException {
    if (mountId == null || mountId.isEmpty()) {
      throw VolumeException.failed(
          verb, name, "the request has no mount ID (Docker 1.12 and later send one)");
    }
  }

  private DirectoryVolume toVolume(StoredVolume stored) {
    return new DirectoryVolume(
        stored.name(),
        layout.mountpoint(new VolumeName(stored.name())),
        Instant.parse(stored.createdAt()),
        stored.options(),
        stored.mountIds());
  }

  private interface Change {
    void apply(SortedMap<String, StoredVolume> next);
  }

  /** Writes the changed table to disk, then publishes it; a failed write changes nothing. */
  private void commit(String verb, String name, Change change) throws VolumeException {
    SortedMap<String, StoredVolume> next = new TreeMap<>(volumes);
    change.apply(next);
    try {
      store.write(next.values());
    } catch (IOException e) {
      throw VolumeException.failed(verb, name, e.getMessage());
    }
    volumes = Collections.unmodifiableSortedMap(next);
  }
}
