package io.dvdcli.shim.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The on-disk layout, the same as the Mesos agent's for container records, plus the shim's own
 * entries, which all start with a dot (container IDs may not, see {@link ContainerIds}):
 *
 * <pre>
 *   /var/run/mesos/isolators/docker/volume      (the checkpoint dir)
 *      |-- &lt;containerId&gt;/
 *      |      |-- volumes        {"volumes":[{"driver":..,"name":..}]}  (Mesos DockerVolumes)
 *      |      |-- mounted        volumes whose mount completed for this container (shim only)
 *      |      |-- bindings       bind mounts the shim made for this container (shim only)
 *      |-- .released/&lt;containerId&gt;/volumes   volumes a cleaned-up container gave back and
 *      |                                      that are not unmounted yet (same JSON form)
 *      |-- .lock                               guards reading and writing the records
 *      |-- .locks/&lt;hash&gt;.lock                 serialises mount/unmount of one volume
 * </pre>
 */
public final class CheckpointPaths {
  public static final Path DEFAULT_ROOT = Path.of("/var/run/mesos/isolators/docker/volume");

  private final Path root;

  public CheckpointPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path containerDir(String containerId) {
    return root.resolve(containerId);
  }

  public Path volumesPath(String containerId) {
    return containerDir(containerId).resolve("volumes");
  }

  public Path mountedPath(String containerId) {
    return containerDir(containerId).resolve("mounted");
  }

  public Path bindingsPath(String containerId) {
    return containerDir(containerId).resolve("bindings");
  }

  public Path releasedRoot() {
    return root.resolve(".released");
  }

  public Path releasedDir(String containerId) {
    return releasedRoot().resolve(containerId);
  }

  public Path releasedPath(String containerId) {
    return releasedDir(containerId).resolve("volumes");
  }

  public Path stateLock() {
    return root.resolve(".lock");
  }

  /** A file name safe for any driver and name: a hash of the identity. */
  public Path volumeLock(DockerVolume volume) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((volume.driver() + "\n" + volume.name()).getBytes(StandardCharsets.UTF_8));
      return root.resolve(".locks").resolve(HexFormat.of().formatHex(digest, 0, 16) + ".lock");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Container IDs that have a directory in the checkpoint dir (dot entries are the shim's own). */
  public List<String> containerIds() throws IOException {
    return listIds(root);
  }

  /** Container IDs that have released volumes recorded. */
  public List<String> releasedIds() throws IOException {
    return listIds(releasedRoot());
  }

  private static List<String> listIds(Path dir) throws IOException {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String id = entry.getFileName().toString();
        if (!id.startsWith(".") && Files.isDirectory(entry)) {
          ids.add(id);
        }
      }
    }
    ids.sort(null);
    return ids;
  }
}
