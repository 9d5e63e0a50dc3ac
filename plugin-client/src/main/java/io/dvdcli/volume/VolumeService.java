package io.dvdcli.volume;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.mountids.MountLedger;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import io.dvdcli.untrusted.SecretKeys;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The multi-call flows after the Activate handshake: {@code mount} (Get, Create only for a real
 * "no such volume", Mount) and {@code unmount} (Unmount; a volume that no longer exists or is no longer
 * mounted counts as unmounted, so the agent's cleanup cannot wedge on it), each with the mount IDs
 * of a {@link MountIdScheme}.
 */
public final class VolumeService {
  private final VolumeDriverClient driver;
  private final Diagnostics log;

  public VolumeService(VolumeDriverClient driver, Diagnostics log) {
    this.driver = driver;
    this.log = log;
  }

  /** Mounts an activated plugin's volume with the caller's own ID; returns the mount point. */
  public String mount(String name, Map<String, String> options, boolean explicitCreate, String mountId)
      throws PluginException {
    return mount(name, options, explicitCreate, new MountIdScheme.Fixed(mountId));
  }

  /** Mounts an activated plugin's volume; returns the mount point on the host. */
  public String mount(String name, Map<String, String> options, boolean explicitCreate, MountIdScheme ids)
      throws PluginException {
    ensureExists(name, options, explicitCreate);
    if (ids instanceof MountIdScheme.Fixed fixed) {
      return mountWithFixedId(name, fixed.id());
    }
    MountLedger ledger = ((MountIdScheme.Recorded) ids).ledger();
    String id = recorded(name, ledger);
    try {
      String mountpoint = driver.mount(name, id);
      log.debug("volume '" + name + "' mounted at " + mountpoint + " with ID " + id);
      return mountpoint;
    } catch (PluginException e) {
      afterFailedMount(name, id, ledger, e);
      throw e;
    }
  }

  /**
   * What the plugin may hold after a failed Mount decides what happens to its recorded ID. A
   * refusal (an Err, a non-200 answer) means it took nothing: the record goes. An answer dvdcli
   * cannot use (a bad mount point) means it did mount: the Mount is undone at once, and the
   * record stays if that fails too. No answer (time-out, dropped connection) leaves it unknown:
   * the record stays, and the agent's unmount of the failed container releases it.
   */
  private void afterFailedMount(String name, String id, MountLedger ledger, PluginException e) {
    try {
      if (e.kind() == Kind.REFUSED || e.kind() == Kind.NOT_IMPLEMENTED) {
        ledger.forget(name, id);
      } else if (e.kind() == Kind.BAD_ANSWER) {
        driver.unmount(name, id);
        ledger.forget(name, id);
      }
    } catch (IOException cleanupFailed) { // the plugin's refusal, or the ledger's
      log.warn("mount ID " + id + " of volume '" + name + "' stays recorded for the next unmount ("
          + cleanupFailed.getMessage() + ")");
    }
  }

  /** Get, then Create only for a real "no such volume" (or a plugin without Get, as Docker does). */
  private void ensureExists(String name, Map<String, String> options, boolean explicitCreate) throws PluginException {
    VolumeLookup lookup = driver.get(name);
    if (lookup instanceof VolumeLookup.Found) {
      log.debug("volume '" + name + "' exists; its options stay as created");
    } else if (lookup instanceof VolumeLookup.Missing missing) {
      if (explicitCreate) {
        throw new PluginException(Kind.NO_SUCH_VOLUME,
            "volume '" + name + "' does not exist and --explicitcreate forbids creating it ("
                + missing.reason() + ")");
      }
      if (log.debugEnabled()) { // masking compiles a regex: not for a line nobody reads
        log.debug("volume '" + name + "' does not exist; creating it with options " + SecretKeys.masked(options));
      }
      driver.create(name, options);
    } else if (lookup instanceof VolumeLookup.Unknown unknown) {
      if (explicitCreate) {
        log.debug(unknown.reason() + "; mounting '" + name + "' without checking it exists");
      } else {
        // Docker does the same: without Get, Create (idempotent in plugins) makes sure it exists.
        if (log.debugEnabled()) {
          log.debug(unknown.reason() + "; creating volume '" + name + "' (idempotent) with options "
              + SecretKeys.masked(options));
        }
        driver.create(name, options);
      }
    }
  }

  /**
   * A caller that reuses its ID may find the plugin already holding the volume for it: rclone then
   * refuses with "volume is already mounted by this id" (cmd/serve/docker/volume.go). The mount
   * the caller wants is there, so its path is the answer.
   */
  private String mountWithFixedId(String name, String id) throws PluginException {
    try {
      String mountpoint = driver.mount(name, id);
      log.debug("volume '" + name + "' mounted at " + mountpoint + " with ID " + id);
      return mountpoint;
    } catch (PluginException e) {
      if (e.kind() != Kind.REFUSED || !e.getMessage().toLowerCase(Locale.ROOT).contains("already mounted")) {
        throw e;
      }
      String mountpoint = driver.path(name);
      if (mountpoint.isEmpty()) {
        throw e;
      }
      log.debug("volume '" + name + "' was already mounted with ID " + id + " at " + mountpoint);
      return mountpoint;
    }
  }

  private static String recorded(String name, MountLedger ledger) throws PluginException {
    try {
      return ledger.record(name);
    } catch (IOException e) {
      throw stateError("record a mount ID of", name, ledger, e);
    }
  }

  /**
   * Removes the volume; one the plugin says it does not have (its Err reads "not found", "no such
   * volume", ...) counts as removed, so a repeated or retried removal succeeds.
   */
  public void removeIfPresent(String name) throws PluginException {
    try {
      driver.remove(name);
    } catch (PluginException e) {
      if (e.kind() != Kind.REFUSED || !NotFoundAnswers.saysNotFound(e.getMessage())) {
        throw e;
      }
      log.debug("volume '" + name + "' was already gone (" + e.getMessage() + ")");
    }
  }

  /** Unmounts with the caller's own ID. */
  public void unmount(String name, String mountId) throws PluginException {
    unmountOne(name, mountId);
  }

  /**
   * Unmounts: with a fixed ID, that one; with recorded IDs, every ID this host holds on the
   * volume (the agent unmounts once, after the last container), each forgotten once the plugin let
   * it go. With none recorded, the single per-host ID that dvdcli sent before it recorded IDs
   * (a volume mounted before an upgrade); a plugin that says it holds nothing for it is fine.
   */
  public void unmount(String name, MountIdScheme ids) throws PluginException {
    if (ids instanceof MountIdScheme.Fixed fixed) {
      unmountOne(name, fixed.id());
      return;
    }
    MountLedger ledger = ((MountIdScheme.Recorded) ids).ledger();
    List<String> held;
    try {
      held = ledger.held(name);
    } catch (IOException e) {
      throw stateError("read the mount IDs of", name, ledger, e);
    }
    if (held.isEmpty()) {
      unmountLegacy(name, ledger.legacyId());
      return;
    }
    PluginException first = null;
    for (String id : held) {
      try {
        unmountOne(name, id);
        ledger.forget(name, id);
      } catch (PluginException e) {
        first = first == null ? e : first;
      } catch (IOException e) {
        // The plugin let go; a stale record only costs the next unmount a "not mounted" answer.
        log.warn(stateError("forget mount ID " + id + " of", name, ledger, e).getMessage());
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void unmountLegacy(String name, String legacyId) throws PluginException {
    try {
      driver.unmount(name, legacyId);
      log.debug("volume '" + name + "' had no recorded mount ID; unmounted the host's former ID " + legacyId);
    } catch (PluginException e) {
      if (e.kind() != Kind.REFUSED && e.kind() != Kind.NOT_IMPLEMENTED) {
        throw e;
      }
      log.warn("volume '" + name + "' has no mount recorded on this host; nothing to unmount (" + e.getMessage() + ")");
    }
  }

  private void unmountOne(String name, String mountId) throws PluginException {
    try {
      driver.unmount(name, mountId);
    } catch (PluginException e) {
      if (e.kind() != Kind.REFUSED && e.kind() != Kind.NOT_IMPLEMENTED) {
        throw e;
      }
      if (saysNotMounted(e.getMessage())) {
        log.warn("volume '" + name + "' was not mounted with ID " + mountId + "; nothing to unmount (" + e.getMessage() + ")");
        return;
      }
      VolumeLookup lookup;
      try {
        lookup = driver.get(name);
      } catch (PluginException ignored) {
        throw e;
      }
      if (lookup instanceof VolumeLookup.Missing) {
        log.warn("volume '" + name + "' no longer exists; nothing to unmount");
        return;
      }
      throw e;
    }
  }

  private static PluginException stateError(String what, String name, MountLedger ledger, IOException e) {
    return new PluginException(Kind.STATE, 0, "cannot " + what + " volume '" + name + "' in " + ledger.folder(name)
        + ": " + describe(e) + " (DVDCLI_STATE_DIR chooses the folder)", e);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : " " + m);
  }

  private static boolean saysNotMounted(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("not mounted");
  }
}
