package io.dvdcli.volume;

import java.util.Locale;

/** Where a plugin's volumes live. Anything but {@code global} counts as local, as in Docker. */
public enum Scope {
  LOCAL,
  GLOBAL;

  public static Scope parse(String scope) {
    return scope != null && scope.trim().toLowerCase(Locale.ROOT).equals("global") ? GLOBAL : LOCAL;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
