package io.dvdcli.records;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Records that must outlive the process that wrote them (a kill -9, a node reboot), for the
 * Kubernetes front ends' state on a node: one JSON file per key, named by the key's SHA-256 (the
 * first {@code nameChars} hex digits) so that any key (a path, a volume id) is a safe file name.
 * A write goes to a temporary file that is synced and renamed over the old one, and the folder is
 * synced, so a crash, even a power loss, leaves the old record or the new one, never half of
 * either. Folder 0700, files 0600: records name volumes and paths.
 */
public final class RecordFolder<T> {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** A record file that is there but holds no record (a disk error, a hand edit). */
  public static final class UnreadableRecordException extends IOException {
    private final Path file;
    private final int bytes;

    UnreadableRecordException(Path file, int bytes, Throwable cause) {
      super("record '" + file + "' (" + bytes + " bytes) is not a record: " + cause.getMessage(), cause);
      this.file = file;
      this.bytes = bytes;
    }

    public Path file() {
      return file;
    }

    public int bytes() {
      return bytes;
    }
  }

  private final Path folder;
  private final Class<T> type;
  private final int nameChars;

  /** {@code nameChars}: how many hex digits of the key's digest name its file (at most 64); fixed by what is on disk. */
  public RecordFolder(Path folder, Class<T> type, int nameChars) {
    if (nameChars < 16 || nameChars > 64) {
      throw new IllegalArgumentException("record names take 16 to 64 hex digits, not " + nameChars);
    }
    this.folder = folder;
    this.type = type;
    this.nameChars = nameChars;
  }

  public Path folder() {
    return folder;
  }

  /** The file that holds (or would hold) the record of {@code key}. */
  public Path file(String key) {
    return folder.resolve(Digests.sha256Hex(key).substring(0, nameChars) + ".json");
  }

  public Optional<T> find(String key) throws IOException {
    Path file = file(key);
    try {
      return Optional.of(read(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  public void save(String key, T record) throws IOException {
    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path target = file(key);
    Path temporary = folder.resolve(target.getFileName() + ".tmp");
    byte[] bytes = JSON.writeValueAsBytes(record);
    try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      channel.write(ByteBuffer.wrap(bytes));
      channel.force(true);
    }
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncFolder();
  }

  public void delete(String key) throws IOException {
    Files.deleteIfExists(file(key));
    syncFolder();
  }

  /** Every record; an unreadable one fails the listing ({@link UnreadableRecordException}). */
  public List<T> all() throws IOException {
    return list(false);
  }

  /** Every record that can be read; an unreadable one is left for a call about its own key to report. */
  public List<T> allReadable() throws IOException {
    return list(true);
  }

  private List<T> list(boolean skipUnreadable) throws IOException {
    List<T> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path f : files) {
        try {
          out.add(read(f));
        } catch (NoSuchFileException gone) {
          // deleted by a concurrent call between the listing and the read
        } catch (IOException e) {
          if (!skipUnreadable) {
            throw e;
          }
        }
      }
    }
    return out;
  }

  private T read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException | RuntimeException e) {
      throw new UnreadableRecordException(file, bytes.length, e);
    }
  }

  /** The rename or removal itself reaches the disk. */
  private void syncFolder() {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every file system lets a folder be synced (nor must it exist yet); the rename is still atomic.
    }
  }
}
