package io.dvdcli.flexvolume;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of what is mounted where, one file per target folder:
 * <pre>
 * STATE_DIR/                      (default /var/lib/dvdcli/flexvolume: survives a reboot, as the
 *   mounts/                        plugin's own state does, so an unmount after one still releases)
 *     &lt;sha-256 of target&gt;.json   {"target":..., "plugin":..., "volume":..., "mountId":...}
 * </pre>
 * A record is written (to a temporary file, synced, renamed) before the plugin's Mount, so a driver
 * killed at any later point leaves a record that the next call can act on.
 */
public final class MountRecords {
  public static final Path DEFAULT_DIR = Path.of("/var/lib/dvdcli/flexvolume");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path mounts;

  public MountRecords(Path stateDir) {
    this.mounts = stateDir.resolve("mounts");
  }

  public Optional<MountRecord> find(String target) throws IOException {
    Path file = fileFor(target);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(read(file, bytes));
  }

  public void save(MountRecord record) throws IOException {
    Files.createDirectories(mounts);
    Path file = fileFor(record.target());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(ByteBuffer.wrap(JSON.writeValueAsBytes(record)));
      out.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory();
  }

  public void delete(String target) throws IOException {
    Files.deleteIfExists(fileFor(target));
    syncDirectory();
  }

  /** Every record, for the clean-up of those whose folder kubelet has removed. */
  public List<MountRecord> all() throws IOException {
    List<MountRecord> records = new ArrayList<>();
    if (!Files.isDirectory(mounts)) {
      return records;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(mounts, "*.json")) {
      for (Path file : files) {
        try {
          records.add(read(file, Files.readAllBytes(file)));
        } catch (IOException e) {
          // An unreadable record stays for its own unmount to report; it must not stop the others.
        }
      }
    }
    return records;
  }

  private static MountRecord read(Path file, byte[] bytes) throws IOException {
    try {
      return JSON.readValue(bytes, MountRecord.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException("Failed to read the mount record '" + file + "': " + bytes.length
          + " bytes that are not a record (remove it once the folder it names is unmounted)", e);
    }
  }

  Path fileFor(String target) {
    return mounts.resolve(Digests.sha256Hex(target) + ".json");
  }

  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(mounts, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every file system lets a folder be synced; the rename itself is still atomic.
    }
  }
}
