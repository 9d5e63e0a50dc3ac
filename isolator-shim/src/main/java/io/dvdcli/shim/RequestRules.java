package io.dvdcli.shim;

import io.dvdcli.untrusted.UntrustedText;
import java.util.regex.Pattern;

/**
 * What a volume request may contain. dvdcli is run with an argv, never a shell, so these rules are
 * about identity and paths, not quoting: names are Docker-style (letters, digits, {@code _ . -},
 * starting with a letter or digit, so {@code 123} is fine and {@code ../x} or {@code -rf} is not);
 * drivers may be managed-plugin references such as {@code rexray/ebs:latest}.
 */
final class RequestRules {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");
  private static final Pattern DRIVER = Pattern.compile(
      "[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?");
  private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]*");

  private RequestRules() {}

  static void driver(String driver) {
    if (driver == null || driver.length() > 255 || !DRIVER.matcher(driver).matches()) {
      throw new IllegalArgumentException("Invalid volume driver '" + UntrustedText.quoted(driver)
          + "': must be a plugin name such as 'rexray' or 'rexray/ebs:latest'");
    }
  }

  static void name(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid volume name '" + UntrustedText.quoted(name)
          + "': must start with a letter or digit and contain only letters, digits, '_', '.', '-'");
    }
  }

  static void option(String key, String value) {
    if (key == null || !OPTION_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("Invalid volume option key '" + UntrustedText.quoted(key)
          + "': must start with a letter or digit and contain only letters, digits, '_', '.', ':', '/', '-'");
    }
    if (value == null || UntrustedText.hasControlCharacter(value)) {
      throw new IllegalArgumentException("Invalid value for volume option '" + key + "': '"
          + UntrustedText.quoted(value) + "' contains a control character");
    }
  }

  static void containerPath(String path) {
    boolean bad = path.isEmpty() || UntrustedText.hasControlCharacter(path);
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (!bad && !relative.isEmpty()) {
      for (String segment : relative.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          bad = true;
        }
      }
    }
    if (bad || path.equals("/")) {
      throw new IllegalArgumentException("Invalid container path '" + UntrustedText.quoted(path)
          + "': must be a normalised path without '.', '..' or empty segments");
    }
  }
}
