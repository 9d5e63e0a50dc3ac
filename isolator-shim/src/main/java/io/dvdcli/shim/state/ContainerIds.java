package io.dvdcli.shim.state;

import io.dvdcli.untrusted.UntrustedText;
/**
 * Container ID rules: those of Mesos ({@code validateID}: not empty, at most 255 characters, not
 * {@code .} or {@code ..}, no control characters, no slashes), plus one of the shim's: no leading
 * dot, so that the shim's own entries in the checkpoint dir can never collide with a container.
 */
public final class ContainerIds {
  private static final int NAME_MAX = 255;

  private ContainerIds() {}

  public static String validate(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("Invalid container ID '': must not be empty");
    }
    if (id.length() > NAME_MAX) {
      throw new IllegalArgumentException(
          "Invalid container ID '" + UntrustedText.quoted(id) + "': longer than " + NAME_MAX + " characters");
    }
    if (id.startsWith(".")) {
      throw new IllegalArgumentException(
          "Invalid container ID '" + UntrustedText.quoted(id) + "': must not start with '.'");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c) || c == '/' || c == '\\') {
        throw new IllegalArgumentException(
            "Invalid container ID '" + UntrustedText.quoted(id) + "': contains a slash or a control character");
      }
    }
    return id;
  }
}
