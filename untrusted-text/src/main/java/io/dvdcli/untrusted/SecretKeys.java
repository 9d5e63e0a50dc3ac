package io.dvdcli.untrusted;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one rule for option keys whose values are secrets (a password, a token, an access key): such
 * values are never logged, shown or echoed in full, by dvdcli, the CSI plugin or the reference
 * plugin. The rule matches by substring, in any case, so {@code s3.secretKey}, {@code PASSWD} and
 * {@code authToken} are all secret; a false positive only hides a harmless value.
 */
public final class SecretKeys {
  /** What a secret value is shown as. */
  public static final String MASK = "*****";

  /** Compiled on first use, not on every dvdcli call's start (most calls never show an option). */
  private static final class Rule {
    static final Pattern PATTERN = Pattern.compile("(?i).*(pass(word|wd)?|secret|token|key|credential|auth).*");
  }

  private SecretKeys() {}

  public static boolean looksSecret(String key) {
    return Rule.PATTERN.matcher(key).matches();
  }

  /** A copy of the options fit for a log line: sorted, secret-looking values shown as {@link #MASK}. */
  public static Map<String, String> masked(Map<String, String> options) {
    return masked(options, MASK);
  }

  /** The same, with a display's own mask string (a status page its readers already know). */
  public static Map<String, String> masked(Map<String, String> options, String mask) {
    Map<String, String> shown = new TreeMap<>();
    options.forEach((k, v) -> shown.put(k, looksSecret(k) ? mask : v));
    return shown;
  }
}
