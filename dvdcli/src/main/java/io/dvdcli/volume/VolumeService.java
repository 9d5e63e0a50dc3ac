package io.dvdcli.volume;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.PluginException;
import io.dvdcli.plugin.PluginException.Kind;
import java.util.Locale;
import java.util.Map;

/**
 * The multi-call flows after the Activate handshake: {@code mount} (Get, Create only for a real
 * "no such volume", Mount) and {@code unmount} (Unmount; a volume that no longer exists or is no longer
 * mounted counts as unmounted, so the agent's cleanup cannot wedge on it).
 */
public final class VolumeService {
  private final VolumeDriverClient driver;
  private final Diagnostics log;

  public VolumeService(VolumeDriverClient driver, Diagnostics log) {
    this.driver = driver;
    this.log = log;
  }

  /** Mounts an activated plugin's volume; returns the mount point. */
  public String mount(String name, Map<String, String> options, boolean explicitCreate, String mountId)
      throws PluginException {
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
        log.debug("volume '" + name + "' does not exist; creating it with options " + Diagnostics.masked(options));
      }
      driver.create(name, options);
    } else if (lookup instanceof VolumeLookup.Unknown unknown) {
      if (explicitCreate) {
        log.debug(unknown.reason() + "; mounting '" + name + "' without checking it exists");
      } else {
        // Docker does the same: without Get, Create (idempotent in plugins) makes sure it exists.
        if (log.debugEnabled()) {
          log.debug(unknown.reason() + "; creating volume '" + name + "' (idempotent) with options "
              + Diagnostics.masked(options));
        }
        driver.create(name, options);
      }
    }
    String mountpoint = driver.mount(name, mountId);
    log.debug("volume '" + name + "' mounted at " + mountpoint + " with ID " + mountId);
    return mountpoint;
  }

  public void unmount(String name, String mountId) throws PluginException {
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

  private static boolean saysNotMounted(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("not mounted");
  }
}
