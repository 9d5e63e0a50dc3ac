package io.dvdcli.commands;

/**
 * One {@code --volumeopts=KEY=VALUE}. Split on the FIRST {@code =} only, so values may hold
 * {@code =}; never split on commas, so values may hold {@code ,} (the Mesos agent sends one flag per
 * option, and NFS-style values such as {@code o=addr=10.0.0.1,rw} must arrive whole).
 */
public record VolumeOption(String key, String value) {
  public VolumeOption {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("an option needs a key before '='");
    }
  }

  /**
   * Parses {@code KEY=VALUE}; the message of the IllegalArgumentException is the usage error line.
   * Free of picocli, so the agent's fast path (AgentArgv) loads none of it: picocli's Java 5 class
   * files are left out of the class-data archive and cost a verified load from the jar.
   */
  public static VolumeOption parse(String text) {
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("'" + text + "' is not KEY=VALUE");
    }
    if (eq == 0) {
      throw new IllegalArgumentException("'" + text + "' has no key before '='");
    }
    String key = text.substring(0, eq);
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i)) || Character.isWhitespace(key.charAt(i))) {
        throw new IllegalArgumentException("option key '" + key.strip() + "' contains blanks or control characters");
      }
    }
    return new VolumeOption(key, text.substring(eq + 1));
  }
}
