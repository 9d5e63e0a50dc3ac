package io.dvdcli.csi.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Records that must outlive the server (a kill -9, a node reboot): one JSON file per key, named by
 * the key's digest so that any key (a path, a volume id) is a safe file name. A write goes to a
 * temporary file that is synced and renamed over the old one, and the folder is synced, so a crash
 * (even a power loss) leaves the old record or the new one, never half of either. Flexvolume's
 * MountRecords is the same mechanism for its own record type; one shared class is issue 13's work. Folder 0700, files 0600: records name volumes and paths.
 */
public final class RecordFolder<T> {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path folder;
  private final Class<T> type;

  public RecordFolder(Path folder, Class<T> type) {
    this.folder = folder;
    this.type = type;
  }

  public Path folder() {
    return folder;
  }

  public Optional<T> find(String key) throws IOException {
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(file(key)), type));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IOException("record " + file(key) + " cannot be read: " + e.getMessage(), e);
    }
  }

  public void save(String key, T record) throws IOException {
    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path target = file(key);
    Path temporary = folder.resolve(target.getFileName() + ".tmp");
    byte[] bytes = JSON.writeValueAsBytes(record);
    try (FileChannel channel = FileChannel.open(temporary, java.util.Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      channel.write(java.nio.ByteBuffer.wrap(bytes));
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

  /** The rename or removal itself reaches the disk, as Flexvolume's MountRecords does it. */
  private void syncFolder() {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every file system lets a folder be synced (nor must it exist yet); the rename is still atomic.
    }
  }

  public List<T> all() throws IOException {
    List<T> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path f : files) {
        try {
          out.add(JSON.readValue(Files.readAllBytes(f), type));
        } catch (NoSuchFileException gone) {
          // deleted by a concurrent call between the listing and the read
        }
      }
    }
    return out;
  }

  private Path file(String key) {
    return folder.resolve(digest(key).substring(0, 32) + ".json");
  }

  public static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
