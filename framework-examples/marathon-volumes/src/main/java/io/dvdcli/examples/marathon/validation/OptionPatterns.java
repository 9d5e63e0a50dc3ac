package io.dvdcli.examples.marathon.validation;

import java.util.regex.Pattern;

/**
 * Marathon's {@code OptionLabelPatterns}. Matching uses {@code find()}, as wix-accord's {@code
 * matchRegex} does; with the anchors that differs from a full match only in letting one trailing
 * line break through ({@code $} matches before it), which is reproduced on purpose.
 */
public final class OptionPatterns {
  private OptionPatterns() {}

  private static final String LABEL = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?";
  private static final String OPTION_NAME = "[A-Za-z0-9](?:[-A-Za-z0-9\\._:]*[A-Za-z0-9])?";

  /** A label, e.g. a provider, a driver, a rexray volume type. */
  public static final String LABEL_REGEX = "^" + LABEL + "$";

  /** Every option key is {@code <label>/<name>}, whatever its namespace. */
  public static final String OPTION_KEY_REGEX = "^" + LABEL + "/" + OPTION_NAME + "$";

  private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL_REGEX);
  private static final Pattern OPTION_KEY_PATTERN = Pattern.compile(OPTION_KEY_REGEX);

  public static boolean isLabel(String value) {
    return LABEL_PATTERN.matcher(value).find();
  }

  public static boolean isOptionKey(String key) {
    return OPTION_KEY_PATTERN.matcher(key).find();
  }
}
