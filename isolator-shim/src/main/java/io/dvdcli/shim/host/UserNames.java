package io.dvdcli.shim.host;

import io.dvdcli.untrusted.UntrustedText;
import java.util.regex.Pattern;

/**
 * The task user's name, checked where it enters (the container's context) and again before it
 * reaches chown's argv, so that no other string is ever given to chown as an owner.
 */
public final class UserNames {
  private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");

  private UserNames() {}

  public static String validate(String user) {
    if (user == null || !USER.matcher(user).matches()) {
      throw new IllegalArgumentException("Invalid user name '" + UntrustedText.quoted(user)
          + "': must be a POSIX user name");
    }
    return user;
  }
}
