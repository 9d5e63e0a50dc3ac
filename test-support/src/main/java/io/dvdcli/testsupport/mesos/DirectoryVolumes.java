package io.dvdcli.testsupport.mesos;

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
 * real isolator-shim instead. In test-support beside the stand-in so that tests of any module can
 * run it without dvdcli.
 */
public final class DirectoryVolumes implements ContainerVolumes {
  private final Path root;
  private final Map<String, List<AgentVolume>> mounted = new ConcurrentHashMap<>();
  private final Set<String> cleanedUp = ConcurrentHashMap.newKeySet();
  private final List<AgentVolume> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();

  public DirectoryVolumes(Path root) {
    this.root = root;
  }

  @Override
  public List<Path> prepare(String containerId, List<AgentVolume> volumes) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (AgentVolume volume : volumes) {
      paths.add(Files.createDirectories(path(volume.driver(), volume.name())));
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

  /** Where volume (driver, name) lives. */
  public Path path(String driver, String name) {
    return root.resolve(driver).resolve(name);
  }

  /** Containers whose volumes are mounted now. */
  public Set<String> mountedContainers() {
    return Set.copyOf(mounted.keySet());
  }

  /** Every volume the agent asked for, as it asked. */
  public List<AgentVolume> prepared() {
    return List.copyOf(prepared);
  }

  public Set<String> cleanedUpContainers() {
    return Set.copyOf(cleanedUp);
  }
}
