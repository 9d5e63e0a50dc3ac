package io.dvdcli.examples.scheduler.standin;

import io.dvdcli.examples.scheduler.task.VolumeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory-backed isolator for tests of the stand-in and the framework that are not about
 * dvdcli: volume (driver, name) is the folder root/driver/name. The end-to-end tests use the
 * real isolator-shim instead.
 */
final class DirectoryVolumes implements ContainerVolumes {
  private final Path root;
  private final Map<String, List<VolumeSpec>> mounted = new ConcurrentHashMap<>();
  private final Set<String> cleanedUp = ConcurrentHashMap.newKeySet();
  private final List<VolumeSpec> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();

  DirectoryVolumes(Path root) {
    this.root = root;
  }

  @Override
  public List<Path> prepare(String containerId, List<VolumeSpec> volumes) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (VolumeSpec volume : volumes) {
      paths.add(Files.createDirectories(path(volume)));
    }
    mounted.put(containerId, List.copyOf(volumes));
    prepared.addAll(volumes);
    return paths;
  }

  @Override
  public void cleanup(String containerId) {
    mounted.remove(containerId);
    cleanedUp.add(containerId);
  }

  Path path(VolumeSpec volume) {
    return root.resolve(volume.driver()).resolve(volume.name());
  }

  /** Containers whose volumes are mounted now. */
  Set<String> mountedContainers() {
    return Set.copyOf(mounted.keySet());
  }

  /** Every volume the agent asked for, as it asked. */
  List<VolumeSpec> prepared() {
    return List.copyOf(prepared);
  }

  Set<String> cleanedUpContainers() {
    return Set.copyOf(cleanedUp);
  }
}
