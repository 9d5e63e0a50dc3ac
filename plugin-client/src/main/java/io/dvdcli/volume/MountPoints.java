package io.dvdcli.volume;

import io.dvdcli.plugin.PluginName;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import io.dvdcli.untrusted.UntrustedText;
import java.nio.charset.StandardCharsets;

/**
 * The mount point a plugin returns becomes the host path the Mesos agent bind-mounts, read from our
 * stdout and trimmed. So it must be absolute, normalised, and free of anything that would change
 * when printed and trimmed (line breaks, NUL, surrounding blanks, text that UTF-8 cannot encode).
 */
final class MountPoints {
  private MountPoints() {}

  static String requireUsable(String plugin, String volume, String mountpoint) throws PluginException {
    String problem = problem(mountpoint);
    if (problem != null) {
      throw new PluginException(Kind.BAD_ANSWER,
          "plugin '" + plugin + "' returned " + problem + " for volume '" + volume + "'");
    }
    return mountpoint;
  }

  static String problem(String mp) {
    if (mp == null || mp.isEmpty()) {
      return "an empty mount point";
    }
    String shown = "'" + UntrustedText.quoted(mp) + "'";
    if (!mp.startsWith("/")) {
      return "a relative mount point " + shown;
    }
    if (!mp.strip().equals(mp)) {
      return "a mount point with surrounding blanks " + shown;
    }
    if (UntrustedText.hasControlCharacter(mp)) {
      return "a mount point with a control character " + shown;
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(mp)) {
      // A lone UTF-16 surrogate (JSON "\ud800") would be printed as '?': another path.
      return "a mount point that is not valid Unicode " + shown;
    }
    for (String segment : mp.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return "a mount point that is not normalised " + shown;
      }
    }
    return null;
  }
}
