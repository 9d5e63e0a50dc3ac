package io.dvdcli.shim.state;

/** Makes untrusted text safe to quote in a one-line message: control characters are escaped. */
public final class Printable {
  private static final int MAX = 200;

  private Printable() {}

  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= MAX) {
      out.append("...");
    }
    return out.toString();
  }
}
