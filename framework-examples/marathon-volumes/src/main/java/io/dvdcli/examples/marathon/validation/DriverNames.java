package io.dvdcli.examples.marathon.validation;

import java.util.regex.Pattern;

/** Which {@code dvdi/driver} values are accepted, and which get rexray's option rules. */
final class DriverNames {
  private static final String REXRAY = "rexray";

  // Docker's reference grammar (distribution/reference), without digests: plugins are pulled by
  // tag. As in Docker's name splitting, a first component is a registry only when it has a dot or
  // a port or is localhost; unlike Docker, capitals do not make one (they would be a typo here).
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN =
      "(?:"
          + DOMAIN_COMPONENT
          + "(?:\\."
          + DOMAIN_COMPONENT
          + ")+(?::[0-9]+)?"
          + "|"
          + DOMAIN_COMPONENT
          + ":[0-9]+|localhost)";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-*)[a-z0-9]+)*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final Pattern PLUGIN_REFERENCE =
      Pattern.compile(
          "(?:"
              + DOMAIN
              + "/)?"
              + PATH_COMPONENT
              + "(?:/"
              + PATH_COMPONENT
              + ")*(?::"
              + TAG
              + ")?");

  private final boolean allowManagedPlugins;

  DriverNames(boolean allowManagedPlugins) {
    this.allowManagedPlugins = allowManagedPlugins;
  }

  boolean isValid(String driver) {
    return OptionPatterns.isLabel(driver)
        || (allowManagedPlugins && PLUGIN_REFERENCE.matcher(driver).matches());
  }

  /** Marathon applies the rexray rules to the exact name; managed rexray plugins share them. */
  boolean isRexRay(String driver) {
    return driver.equals(REXRAY) || (allowManagedPlugins && driver.startsWith(REXRAY + "/"));
  }
}
