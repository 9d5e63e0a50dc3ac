package io.dvdcli.shim.state;

import io.dvdcli.untrusted.UntrustedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes the records under the checkpoint dir. Callers hold the state lock ({@link
 * CheckpointPaths#stateLock()}) around any sequence that must look atomic to other processes.
 */
public final class CheckpointStore {
  private final CheckpointPaths paths;

  public CheckpointStore(CheckpointPaths paths) {
    this.paths = paths;
  }

  public CheckpointPaths paths() {
    return paths;
  }

  public boolean exists(String containerId) {
    return Files.exists(paths.containerDir(containerId));
  }

  public void write(String containerId, Collection<DockerVolume> volumes) throws IOException {
    Path file = paths.volumesPath(containerId);
    try {
      AtomicFiles.write(file, CheckpointJson.volumes(volumes));
    } catch (IOException e) {
      throw new IOException("Failed to checkpoint docker volumes at '" + file + "': " + e.getMessage(), e);
    }
  }

  /** The container's record, or empty when it has no folder. */
  public Optional<ContainerRecord> read(String containerId) throws IOException {
    if (!Files.isDirectory(paths.containerDir(containerId))) {
      return Optional.empty();
    }
    return Optional.of(readVolumes(containerId, paths.volumesPath(containerId)));
  }

  public List<ContainerRecord> readAll() throws IOException {
    List<ContainerRecord> records = new ArrayList<>();
    for (String id : paths.containerIds()) {
      read(id).ifPresent(records::add);
    }
    return records;
  }

  /** IDs of the containers whose records name this volume. */
  public List<String> users(DockerVolume volume) throws IOException {
    List<String> users = new ArrayList<>();
    for (ContainerRecord record : readAll()) {
      if (record.uses(volume)) {
        users.add(record.containerId());
      }
    }
    return users;
  }

  public void remove(String containerId) throws IOException {
    AtomicFiles.deleteTree(paths.containerDir(containerId));
  }

  public void appendBinding(String containerId, Binding binding) throws IOException {
    List<Binding> bindings = new ArrayList<>(readBindings(containerId));
    bindings.add(binding);
    AtomicFiles.write(paths.bindingsPath(containerId), CheckpointJson.bindings(bindings));
  }

  public List<Binding> readBindings(String containerId) throws IOException {
    Path file = paths.bindingsPath(containerId);
    try {
      byte[] content = Files.readAllBytes(file);
      return content.length == 0 ? List.of() : CheckpointJson.parseBindings(content);
    } catch (NoSuchFileException none) {
      return List.of();
    } catch (IOException e) {
      throw new IOException("Failed to read bind mounts record '" + file + "': " + e.getMessage(), e);
    }
  }

  /** Adds volumes to what this container has given back but not yet seen unmounted. */
  public void addReleased(String containerId, Collection<DockerVolume> volumes) throws IOException {
    if (volumes.isEmpty()) {
      return;
    }
    Set<DockerVolume> all = new LinkedHashSet<>(readReleased(containerId).volumes());
    all.addAll(volumes);
    AtomicFiles.write(paths.releasedPath(containerId), CheckpointJson.volumes(all));
  }

  public ContainerRecord readReleased(String containerId) throws IOException {
    if (!Files.isDirectory(paths.releasedDir(containerId))) {
      return new ContainerRecord(containerId, Set.of(), Optional.empty());
    }
    return readVolumes(containerId, paths.releasedPath(containerId));
  }

  public List<ContainerRecord> readAllReleased() throws IOException {
    List<ContainerRecord> records = new ArrayList<>();
    for (String id : paths.releasedIds()) {
      records.add(readReleased(id));
    }
    return records;
  }

  /** A volume was unmounted: no released record needs it any more. */
  public void forgetReleased(DockerVolume volume) throws IOException {
    for (String id : paths.releasedIds()) {
      forgetReleased(id, volume);
    }
  }

  /** This container's released record no longer needs the volume. */
  public void forgetReleased(String containerId, DockerVolume volume) throws IOException {
    ContainerRecord released = readReleased(containerId);
    Set<DockerVolume> rest = new LinkedHashSet<>(released.volumes());
    if (!rest.remove(volume) && released.problem().isEmpty()) {
      return;
    }
    if (rest.isEmpty()) {
      AtomicFiles.deleteTree(paths.releasedDir(containerId));
    } else {
      AtomicFiles.write(paths.releasedPath(containerId), CheckpointJson.volumes(rest));
    }
  }

  /** Notes that this container's mount of the volume completed (dvdcli answered with a path). */
  public void markMounted(String containerId, DockerVolume volume) throws IOException {
    Set<DockerVolume> mounted = new LinkedHashSet<>(mounted(containerId));
    if (mounted.add(volume)) {
      AtomicFiles.write(paths.mountedPath(containerId), CheckpointJson.volumes(mounted));
    }
  }

  /** Volumes whose mount for this container completed; unreadable counts as none. */
  public Set<DockerVolume> mounted(String containerId) throws IOException {
    Path file = paths.mountedPath(containerId);
    if (!Files.exists(file)) {
      return Set.of();
    }
    return readVolumes(containerId, file).volumes();
  }

  private static ContainerRecord readVolumes(String containerId, Path file) throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException missing) {
      // The folder exists but the file does not: a crash between creating the folder and
      // renaming the written file into place. Nothing was mounted yet.
      return new ContainerRecord(containerId, Set.of(),
          Optional.of("checkpoint '" + file + "' does not exist (crash before it was written)"));
    } catch (IOException e) {
      throw new IOException("Failed to read docker volumes checkpoint file '" + file + "': " + e.getMessage(), e);
    }
    if (CheckpointJson.text(content).isBlank()) {
      // A hard reboot after the file was created but before its data reached the disk.
      return new ContainerRecord(containerId, Set.of(),
          Optional.of("checkpoint '" + file + "' is empty (host rebooted before it reached the disk)"));
    }
    try {
      return new ContainerRecord(containerId, CheckpointJson.parseVolumes(content), Optional.empty());
    } catch (IOException | IllegalArgumentException e) {
      // Truncated the same way; what it names cannot be trusted, so it counts as naming nothing.
      return new ContainerRecord(containerId, Set.of(),
          Optional.of("checkpoint '" + file + "' is truncated or corrupt (" + UntrustedText.quoted(firstLine(e.getMessage())) + ")"));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
