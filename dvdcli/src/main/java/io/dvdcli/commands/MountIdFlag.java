package io.dvdcli.commands;

import io.dvdcli.cli.UsageException;
import io.dvdcli.mountids.HostId;
import io.dvdcli.mountids.MountLedger;
import io.dvdcli.plugin.PluginName;
import io.dvdcli.untrusted.UntrustedText;
import io.dvdcli.volume.MountIdScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How mount and unmount choose their mount IDs, shared so that both resolve them alike: the
 * caller's own ({@code --mount-id}, {@code DVDCLI_MOUNT_ID}), else one fresh ID per Mount recorded
 * in this host's ledger ({@code --state-dir}, {@code DVDCLI_STATE_DIR}, default /var/lib/dvdcli;
 * without root, where that cannot be written, {@code $XDG_STATE_HOME/dvdcli} or
 * {@code ~/.local/state/dvdcli}).
 */
public final class MountIdFlag {
  @Option(names = "--mount-id", paramLabel = "ID",
      description = "Send this ID with Mount/Unmount instead of a recorded one per mount (env DVDCLI_MOUNT_ID).")
  String mountId;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where mount IDs are recorded (env DVDCLI_STATE_DIR; default /var/lib/dvdcli).")
  Path stateDir;

  MountIdScheme resolve(Map<String, String> env, String driver) {
    String chosen = mountId != null ? mountId : env.get("DVDCLI_MOUNT_ID");
    if (chosen != null) {
      if (chosen.isBlank() || chosen.length() > 255 || UntrustedText.hasControlCharacter(chosen)) {
        throw new UsageException("the mount ID must be 1-255 printable characters");
      }
      return new MountIdScheme.Fixed(chosen);
    }
    // Keyed by the plugin's one spelling: org/x and org/x:latest hold the same mounts.
    return new MountIdScheme.Recorded(new MountLedger(stateDir(env), PluginName.identity(driver), HostId.get()));
  }

  private Path stateDir(Map<String, String> env) {
    if (stateDir != null) {
      return stateDir;
    }
    String fromEnv = env.get("DVDCLI_STATE_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    Path system = MountLedger.DEFAULT_STATE_DIR;
    if (Files.isWritable(system) || (!Files.exists(system) && Files.isWritable(system.getParent()))) {
      return system;
    }
    String xdg = env.get("XDG_STATE_HOME");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return xdg != null && !xdg.isBlank() ? Path.of(xdg, "dvdcli") : Path.of(home, ".local", "state", "dvdcli");
  }
}
