package io.dvdcli.mountids;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The mount IDs this host holds on one plugin's volumes, on disk, so that each Mount has its own ID
 * and the agent's single unmount after the last container releases every one of them.
 *
 * <p>Why: the Mesos agent mounts a volume once per container that uses it and unmounts it once,
 * after the last of them, and hands dvdcli no container id. Plugins treat the Mount ID three ways:
 * rclone refuses a Mount with an ID that already holds the volume, Docker's {@code local} driver
 * ignores the ID and counts (N mounts need N unmounts), set-based plugins keep one entry per ID. One
 * fresh ID per Mount, all released by the unmount, is right for all three; one fixed ID per host is
 * refused by the first kind and leaks in the second.
 *
 * <p>Layout, under the state folder (default {@code /var/lib/dvdcli}):
 * <pre>
 * mount-ids/
 *   &lt;32 hex digits of SHA-256 of driver NUL volume&gt;/     one folder per volume
 *     dvdcli-&lt;host&gt;-&lt;12 hex digits&gt;                    one file per ID the plugin may hold;
 *                                                      its text names the driver and volume
 * </pre>
 * An ID's file is created (and synced) before its Mount is sent and deleted after its Unmount
 * succeeded, so a crash at any point leaves at worst an ID the plugin does not hold, which the
 * next unmount clears (plugins answer "not mounted" for it), never a held ID without a record.
 * Creating and deleting files is atomic, so concurrent dvdcli processes need no lock.
 */
public final class MountLedger {
  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/dvdcli");

  // Only root (the agent's user) reads or changes what this host holds, whatever the umask.
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FOLDER =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path root;
  private final String driver;
  private final String hostId;

  /** The ledger of {@code driver}'s volumes under {@code stateDir}, with IDs named after {@code hostId}. */
  public MountLedger(Path stateDir, String driver, String hostId) {
    this.root = stateDir.resolve("mount-ids");
    this.driver = driver;
    this.hostId = hostId;
  }

  /** The ID older dvdcli versions sent for every mount on this host. */
  public String legacyId() {
    return hostId;
  }

  /** A new ID for a Mount of {@code volume}, recorded durably before it is returned. */
  public String record(String volume) throws IOException {
    Path dir = folder(volume);
    byte[] text = ("driver " + driver + "\nvolume " + volume + "\n").getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; ; attempt++) {
      String id = hostId + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);
      try {
        Files.createDirectories(dir, PRIVATE_FOLDER);
        try (FileChannel f = FileChannel.open(dir.resolve(id), Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PRIVATE_FILE)) {
          f.write(ByteBuffer.wrap(text));
          f.force(true);
        }
        syncFolder(dir);
        return id;
      } catch (FileAlreadyExistsException | NoSuchFileException raced) {
        // The same random ID, or the folder removed by a concurrent forget: try again.
        if (attempt >= 5) {
          throw raced;
        }
      }
    }
  }

  /** Every ID recorded for {@code volume} and not yet forgotten, oldest name first. */
  public List<String> held(String volume) throws IOException {
    List<String> ids = new ArrayList<>();
    Path dir = folder(volume);
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        if (!name.startsWith(".")) {
          ids.add(name);
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /** The plugin no longer holds {@code id} on {@code volume}. */
  public void forget(String volume, String id) throws IOException {
    Path dir = folder(volume);
    Files.deleteIfExists(dir.resolve(id));
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException stillHeld) {
      return;
    }
    syncFolder(root);
  }

  /** Where {@code volume}'s IDs are; for messages. */
  public Path folder(String volume) {
    return root.resolve(HostId.sha256Hex(driver + "\0" + volume).substring(0, 32));
  }

  /** A created or deleted file survives a crash only once its folder is synced too. */
  private static void syncFolder(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (NoSuchFileException gone) {
      // removed meanwhile by a concurrent forget: nothing left to sync
    }
  }
}
