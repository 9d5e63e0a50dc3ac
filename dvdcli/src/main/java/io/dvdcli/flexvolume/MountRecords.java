package io.dvdcli.flexvolume;

import io.dvdcli.records.RecordFolder;
import java.io.IOException;
import java.nio.file.Path;
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

  /** The whole digest names a file: records written before the shared RecordFolder are found as they are. */
  private static final int NAME_CHARS = 64;

  private final RecordFolder<MountRecord> mounts;

  public MountRecords(Path stateDir) {
    this.mounts = new RecordFolder<>(stateDir.resolve("mounts"), MountRecord.class, NAME_CHARS);
  }

  public Optional<MountRecord> find(String target) throws IOException {
    try {
      return mounts.find(target);
    } catch (RecordFolder.UnreadableRecordException e) {
      throw new IOException("Failed to read the mount record '" + e.file() + "': " + e.bytes()
          + " bytes that are not a record (remove it once the folder it names is unmounted)", e);
    }
  }

  public void save(MountRecord record) throws IOException {
    mounts.save(record.target(), record);
  }

  public void delete(String target) throws IOException {
    mounts.delete(target);
  }

  /** Every record, for the clean-up of those whose folder kubelet has removed; an unreadable one stays for its own unmount to report. */
  public List<MountRecord> all() throws IOException {
    return mounts.allReadable();
  }
}
