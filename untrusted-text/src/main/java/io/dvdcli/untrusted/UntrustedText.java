package io.dvdcli.untrusted;

/**
 * The one way to put text we did not write (a volume name, a plugin's answer, an argument) into a
 * one-line message. Two renderings, for two uses:
 *
 * <ul>
 *   <li>{@link #quoted}: a value shown exactly, to be recognised or copied — every control character
 *       (C0, DEL and C1; U+009B is a terminal's 8-bit CSI) written as {@code \xNN};
 *   <li>{@link #summarised}: a message to be read — control characters and runs of white space
 *       become one space, leading and trailing blanks go.
 * </ul>
 *
 * Both cut long text at a limit the caller gives (what fits its message) and mark the cut with
 * {@code ...}. Loops rather than regular expressions or streams: dvdcli's error path runs in a
 * short-lived process, where a first regex or lambda costs milliseconds.
 */
public final class UntrustedText {
  /** Marks text that was cut. */
  public static final String CUT = "...";

  /** How much of a quoted value a message shows: enough to recognise any real name or path. */
  public static final int VALUE_LIMIT = 120;

  /** How much of a summarised message is shown: a plugin's error, a peer's answer. */
  public static final int MESSAGE_LIMIT = 300;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private UntrustedText() {}

  /** {@link #quoted(String, int)} with the usual limit for a value. */
  public static String quoted(String text) {
    return quoted(text, VALUE_LIMIT);
  }

  /** {@code text} with control characters as {@code \xNN}, cut after {@code limit} characters; "null" for null. */
  public static String quoted(String text, int limit) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= limit) {
        return out.append(CUT).toString();
      }
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        out.append('\\').append('x').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@link #summarised(String, int)} with the usual limit for a message. */
  public static String summarised(String text) {
    return summarised(text, MESSAGE_LIMIT);
  }

  /** {@code text} as one line of words: blanks and control characters collapsed to one space, cut after {@code limit}. */
  public static String summarised(String text, int limit) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), limit + CUT.length()));
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      if (out.length() >= limit) {
        return out.append(CUT).toString();
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Whether {@code text} holds a control character (C0, DEL or C1) anywhere. */
  public static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
