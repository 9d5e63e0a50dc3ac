package io.dvdcli.log;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Diagnostics for operators, always on stderr (stdout carries only the answer Mesos reads). Quiet
 * unless {@code --debug} or {@code DVDCLI_DEBUG} asks for it. Option values whose key looks like a
 * secret never reach it unmasked.
 */
public final class Diagnostics {
  /** Compiled on first use, not on every call's start (most calls never log an option). */
  private static final class SecretKey {
    static final Pattern PATTERN = Pattern.compile("(?i).*(pass(word|wd)?|secret|token|key|credential|auth).*");
  }

  public static final String MASK = "*****";

  private final PrintStream err;
  private final boolean debug;

  public Diagnostics(PrintStream err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  public static Diagnostics quiet() {
    return new Diagnostics(System.err, false);
  }

  public boolean debugEnabled() {
    return debug;
  }

  public void debug(String message) {
    if (debug) {
      err.println("dvdcli: debug: " + message);
    }
  }

  /** Warnings are printed even when quiet: they explain a surprising but successful outcome. */
  public void warn(String message) {
    err.println("dvdcli: warning: " + message);
  }

  public static boolean looksSecret(String key) {
    return SecretKey.PATTERN.matcher(key).matches();
  }

  /** A copy of the options fit for a log line: sorted, with secret-looking values masked. */
  public static Map<String, String> masked(Map<String, String> options) {
    Map<String, String> shown = new TreeMap<>();
    options.forEach((k, v) -> shown.put(k, looksSecret(k) ? MASK : v));
    return shown;
  }
}
