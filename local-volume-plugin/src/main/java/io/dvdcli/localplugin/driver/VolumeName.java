package io.dvdcli.localplugin.driver;

import io.dvdcli.untrusted.UntrustedText;
import java.nio.charset.StandardCharsets;

/**
 * A volume name that is safe to use as one directory name under the state root. Anything that
 * could name another place ({@code /}, {@code \}, {@code .}, {@code ..}), or that a file system or
 * a log line would mangle (NUL, control characters, more than 255 bytes), is refused; everything
 * else is accepted, so that clients can be tested with unusual but harmless names.
 */
public record VolumeName(String value) {
  public static final int MAX_BYTES = 255;

  public VolumeName {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Validates {@code value} as the name of a volume being {@code verb}-ed. */
  static VolumeName of(String verb, String value) throws VolumeException {
    String problem = problem(value);
    if (problem != null) {
      throw VolumeException.failed(verb, UntrustedText.quoted(value), problem);
    }
    return new VolumeName(value);
  }

  private static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "the name is empty";
    }
    if (value.equals(".") || value.equals("..")) {
      return "the name must not be '.' or '..'";
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "the name is longer than " + MAX_BYTES + " bytes";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '\\') {
        return "the name must not contain '/' or '\\'";
      }
      if (Character.isISOControl(c)) {
        return "the name must not contain control characters";
      }
      if (Character.isSurrogate(c) && !validSurrogatePair(value, i)) {
        return "the name is not valid Unicode";
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return null;
  }

  private static boolean validSurrogatePair(String value, int i) {
    return Character.isHighSurrogate(value.charAt(i))
        && i + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(i + 1));
  }


  @Override
  public String toString() {
    return value;
  }
}
