package io.dvdcli.flexvolume;

import io.dvdcli.hostmounts.BindMounts;
import io.dvdcli.hostmounts.HostMountException;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import io.dvdcli.volume.VolumeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Flexvolume driver call, as kubelet makes it ({@code pkg/volume/flexvolume/}): {@code init},
 * {@code mount <dir> <json>}, {@code unmount <dir>}; every other call is "Not supported", which
 * makes kubelet use its own default for it. Every outcome is one {@link DriverStatus}; nothing here
 * prints.
 *
 * <p>Recovery cases (each arises from a driver killed, or a node lost, between two steps):
 * <ol>
 *   <li>Record written, plugin Mount not done or not answered: the next mount of the folder mounts
 *       again with the recorded ID (plugins treat a repeated ID as one consumer); an unmount
 *       releases it (an ID the plugin never saw counts as released).
 *   <li>Plugin Mount done, bind mount not made: kubelet removes the folder after the failed call and
 *       never calls unmount for it. Its retry of the mount finds the record and finishes; if the pod
 *       is gone instead, the next mount or unmount of any folder for this plugin releases records
 *       whose folder no longer exists ({@link #releaseAbandoned}).
 *   <li>Bind mount made, answer not given: kubelet removes nothing it cannot (the folder is
 *       mounted) and calls mount again, which finds the folder mounted with its own record: Success.
 *   <li>Unmount killed after the bind mount went, before the plugin's Unmount: kubelet retries the
 *       unmount while the folder exists; the record is still there, so the retry releases it.
 * </ol>
 */
public final class FlexvolumeDriver {
  /** Finds the Docker plugin, handshakes, and gives its mount/unmount flows. */
  @FunctionalInterface
  public interface PluginConnector {
    VolumeService connect(String plugin) throws PluginException;
  }

  /** Told each named step of mount and unmount; a test seam pauses there (see {@link PauseSeam}). */
  @FunctionalInterface
  public interface Steps {
    Steps NONE = step -> {};

    void reached(String step);
  }

  /** kubelet makes the folder 0750 when it is missing (flexvolume util.go prepareForMount). */
  private static final Set<PosixFilePermission> FOLDER_MODE =
      PosixFilePermissions.fromString("rwxr-x---");

  /** Answers the plugin gives for a Mount it did not do: nothing to release after them. */
  private static final Set<Kind> REFUSALS =
      EnumSet.of(Kind.REFUSED, Kind.NOT_IMPLEMENTED, Kind.NO_SUCH_VOLUME, Kind.INVALID_NAME, Kind.NOT_A_VOLUME_DRIVER);

  private final String plugin;
  private final PluginConnector connector;
  private final MountRecords records;
  private final BindMounts mounts;
  private final Steps steps;

  FlexvolumeDriver(String plugin, PluginConnector connector, MountRecords records, BindMounts mounts, Steps steps) {
    this.plugin = plugin;
    this.connector = connector;
    this.records = records;
    this.mounts = mounts;
    this.steps = steps;
  }

  public static FlexvolumeDriver onThisHost(String plugin, PluginConnector connector, Path stateDir, Steps steps) {
    return new FlexvolumeDriver(plugin, connector, new MountRecords(stateDir), BindMounts.ofThisHost(), steps);
  }

  /** Runs kubelet's argv (without the executable) and answers; never throws. */
  public DriverStatus call(List<String> argv) {
    try {
      if (argv.isEmpty()) {
        return DriverStatus.failure("no call given: kubelet runs the driver as 'init', 'mount <dir> <json>' or 'unmount <dir>'");
      }
      String call = argv.get(0);
      return switch (call) {
        case "init" -> DriverStatus.initialised();
        case "mount" -> {
          requireArguments(argv, 3, "mount <dir> <json>");
          yield mount(argv.get(1), argv.get(2));
        }
        case "unmount" -> {
          requireArguments(argv, 2, "unmount <dir>");
          yield unmount(argv.get(1));
        }
        default -> DriverStatus.notSupported(call);
      };
    } catch (FlexvolumeException | HostMountException e) {
      return DriverStatus.failure(e.getMessage());
    } catch (IOException e) {
      return DriverStatus.failure("Failed to read or write the mount records: " + e.getMessage());
    } catch (RuntimeException e) {
      return DriverStatus.failure("dvdcli internal error: " + e + " (please report it)");
    }
  }

  private static void requireArguments(List<String> argv, int count, String usage) throws FlexvolumeException {
    if (argv.size() != count) {
      throw new FlexvolumeException("'" + argv.get(0) + "' takes " + (count - 1) + " argument(s): " + usage);
    }
  }

  DriverStatus mount(String dir, String json) throws FlexvolumeException, IOException {
    String target = absolute(dir);
    KubeletMountOptions request = KubeletMountOptions.parse(json);
    String volume = request.volumeName();
    Optional<MountRecord> earlier = records.find(target);
    if (earlier.isPresent() && !(earlier.get().plugin().equals(plugin) && earlier.get().volume().equals(volume))) {
      throw new FlexvolumeException("Failed to mount volume '" + volume + "' at '" + target + "': the folder holds volume '"
          + earlier.get().volume() + "' of plugin '" + earlier.get().plugin() + "'; unmount it first");
    }
    if (mounts.isMountPoint(target)) {
      if (earlier.isPresent()) {
        return DriverStatus.success("volume '" + volume + "' is already mounted at '" + target + "'");
      }
      throw new FlexvolumeException("Failed to mount volume '" + volume + "' at '" + target
          + "': the folder is already a mount point, not made by dvdcli");
    }
    ensureFolder(target);
    String what = "volume '" + volume + "' of plugin '" + plugin + "'";
    VolumeService volumes = connect(plugin, "mount " + what + " at '" + target + "'");
    releaseAbandoned(volumes);
    MountRecord record = new MountRecord(target, plugin, volume,
        earlier.map(MountRecord::mountId).orElseGet(() -> PodVolumeId.of(request.podUid(), target)));
    if (earlier.isPresent()) {
      // Recovery cases 1 and 2: start again from nothing, since some plugins (rclone) refuse a
      // second Mount with an ID they already hold.
      release(volumes, record);
    }
    records.save(record);
    steps.reached("mount:after-record");
    String source;
    try {
      source = volumes.mount(volume, request.pluginOptions(), false, record.mountId());
    } catch (PluginException e) {
      String failed = "Failed to mount " + what + " at '" + target + "': " + e.getMessage();
      if (REFUSALS.contains(e.kind())) {
        if (earlier.isEmpty()) {
          records.delete(target);
        }
        throw new FlexvolumeException(failed, e);
      }
      throw new FlexvolumeException(failed + release(volumes, record), e);
    }
    steps.reached("mount:after-plugin-mount");
    try {
      mounts.bind(source, target, request.readOnly());
    } catch (HostMountException e) {
      throw new FlexvolumeException(e.getMessage() + release(volumes, record), e);
    }
    return DriverStatus.success(what + " mounted at '" + target + "'" + (request.readOnly() ? " read-only" : ""));
  }

  DriverStatus unmount(String dir) throws FlexvolumeException, IOException {
    String target = absolute(dir);
    Optional<MountRecord> found = records.find(target);
    boolean wasMounted = mounts.isMountPoint(target);
    if (wasMounted) {
      mounts.unbind(target);
    }
    steps.reached("unmount:after-unbind");
    if (found.isEmpty()) {
      return DriverStatus.success(wasMounted
          ? "unmounted '" + target + "' (dvdcli has no record of it: no plugin mount released)"
          : "nothing is mounted at '" + target + "'");
    }
    MountRecord record = found.get();
    VolumeService volumes = connect(record.plugin(),
        "release volume '" + record.volume() + "' of plugin '" + record.plugin() + "' after unmounting '" + target + "'");
    try {
      volumes.unmount(record.volume(), record.mountId());
    } catch (PluginException e) {
      throw new FlexvolumeException("Failed to release volume '" + record.volume() + "' of plugin '" + record.plugin()
          + "' (mount ID " + record.mountId() + ") after unmounting '" + target + "': " + e.getMessage(), e);
    }
    records.delete(target);
    if (record.plugin().equals(plugin)) {
      releaseAbandoned(volumes);
    }
    return DriverStatus.success("volume '" + record.volume() + "' of plugin '" + record.plugin() + "' unmounted from '" + target + "'");
  }

  /**
   * Recovery case 2: a record whose folder kubelet has removed belongs to a mount that failed after
   * the plugin's Mount, and kubelet will never call unmount for it. Best effort, this plugin only.
   */
  private void releaseAbandoned(VolumeService volumes) {
    try {
      for (MountRecord r : records.all()) {
        if (r.plugin().equals(plugin) && Files.notExists(Path.of(r.target()))) {
          volumes.unmount(r.volume(), r.mountId());
          records.delete(r.target());
        }
      }
    } catch (IOException e) {
      // The next call tries again; this call's own work must not fail for it.
    }
  }

  /** After a failed mount: the plugin's Unmount with the same ID, so nothing stays mounted. */
  private String release(VolumeService volumes, MountRecord record) {
    try {
      volumes.unmount(record.volume(), record.mountId());
      records.delete(record.target());
      return "";
    } catch (IOException e) {
      return " (and releasing it failed too, so the record stays for the next mount or unmount: " + e.getMessage() + ")";
    }
  }

  private VolumeService connect(String name, String doing) throws FlexvolumeException {
    try {
      return connector.connect(name);
    } catch (PluginException e) {
      throw new FlexvolumeException("Failed to " + doing + ": " + e.getMessage(), e);
    }
  }

  private static String absolute(String dir) throws FlexvolumeException {
    if (dir.isEmpty() || !dir.startsWith("/")) {
      throw new FlexvolumeException("the folder '" + dir + "' is not an absolute path");
    }
    return Path.of(dir).normalize().toString();
  }

  private static void ensureFolder(String target) throws FlexvolumeException {
    Path folder = Path.of(target);
    if (Files.isDirectory(folder)) {
      return;
    }
    try {
      Files.createDirectories(folder);
      Files.setPosixFilePermissions(folder, FOLDER_MODE);
    } catch (IOException e) {
      throw new FlexvolumeException("Failed to create the folder '" + target + "': " + e.getMessage(), e);
    }
  }
}
