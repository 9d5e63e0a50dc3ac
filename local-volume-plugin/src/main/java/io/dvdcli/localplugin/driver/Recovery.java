package io.dvdcli.localplugin.driver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rebuilds the volume table at start from {@code state.json} and the volume directories. Each case
 * says how that state can arise.
 */
final class Recovery {
  private final VolumeLayout layout;
  private final StateStore store;
  private final Instant now;

  Recovery(VolumeLayout layout, StateStore store, Instant now) {
    this.layout = layout;
    this.store = store;
    this.now = now;
  }

  SortedMap<String, StoredVolume> recover() throws IOException {
    // A temp file left over: the plugin died while rewriting the state. state.json still holds
    // the last complete state, so the leftover is dropped.
    Files.deleteIfExists(layout.stateTempFile());

    // No state file (first start, or deleted by hand) or an empty one (a hard reboot on a file
    // system that lost the fsync): start from the directories alone. A state file that cannot be
    // parsed is an error: guessing would silently forget which consumers hold mounts.
    Optional<List<StoredVolume>> stored = store.read();
    SortedMap<String, StoredVolume> volumes = new TreeMap<>();
    stored.orElse(List.of()).forEach(v -> volumes.put(v.name(), v));

    // A directory the state does not list: a Create that died between making the directory and
    // writing the state (the caller never got an answer), or a state file that was lost. The
    // volume is adopted without options or mounts, as Docker's local driver finds its volumes.
    for (Path dir : volumeDirectories()) {
      String name = dir.getFileName().toString();
      if (!volumes.containsKey(name) && isValidName(name) && Files.isDirectory(dir.resolve("_data"))) {
        volumes.put(name, new StoredVolume(name, now.toString(), Map.of(), Set.of()));
      }
    }

    // A listed volume whose directory is gone: a Remove that died after deleting the data (the
    // caller never got an answer, so the volume still exists) or data deleted by hand. The
    // volume keeps its options and consumers; its mount point is made again, empty.
    for (StoredVolume volume : volumes.values()) {
      Directories.ensureVolume(layout, new VolumeName(volume.name()));
    }
    return volumes;
  }

  private List<Path> volumeDirectories() throws IOException {
    if (!Files.isDirectory(layout.volumesDir())) {
      return List.of();
    }
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.volumesDir())) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          dirs.add(entry);
        }
      }
    }
    return dirs;
  }

  private static boolean isValidName(String name) {
    try {
      new VolumeName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
