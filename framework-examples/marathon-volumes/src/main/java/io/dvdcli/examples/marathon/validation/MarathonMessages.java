package io.dvdcli.examples.marathon.validation;

import java.util.List;

/**
 * Marathon's messages, word for word: its own ({@code AppValidation}, {@code DVDIProvider}, {@code OptionSupport}, {@code
 * ProviderValidationHelpers}, {@code ExternalVolumes}, {@code Validation}) and those of the
 * wix-accord combinators it uses ({@code notEmpty}, {@code matchRegex}, {@code equalTo}, {@code
 * should be >}, {@code should be ==}).
 */
public final class MarathonMessages {
  private MarathonMessages() {}

  public static final String NOT_EMPTY = "must not be empty";
  public static final String NOT_DEFINED = "not defined";
  public static final String UNKNOWN_PROVIDER = "is unknown provider";
  public static final String NOT_RW = "does not equal RW";
  public static final String DOT_PATH = "can not be one of (.,..)";
  public static final String ONLY_DRIVER_OPTION = "must only contain dvdi/driver";
  public static final String SIZE_FOR_DOCKER = "must be undefined for Docker containers";
  public static final String NOT_A_BOOLEAN = "Expected a valid boolean";
  public static final String VOLUME_NAMES_NOT_UNIQUE = "Volume names must be unique";

  public static String mustMatch(String regex) {
    return "must match regular expression '" + regex + "'";
  }

  public static String notPositiveInteger(String value) {
    return "Expected a valid, positive integer instead of " + value;
  }

  public static String sizeNotPositive(long size) {
    return "got " + size + ", expected more than 0";
  }

  public static String overCapacityNotZero(double maximumOverCapacity) {
    return "got " + maximumOverCapacity + ", expected 0.0";
  }

  public static String declaredMoreThanOnce(String volumeName, String appId) {
    return "Requested DVDI volume '"
        + volumeName
        + "' is declared more than once within app "
        + appId;
  }

  /**
   * Marathon writes {@code [$app.id]} in a Scala string, which prints the whole app record followed
   * by ".id"; the evident intent, the app id in brackets, is written instead.
   */
  public static String tooManyInstances(String appId) {
    return "Number of instances is limited to 1 when declaring DVDI volumes in app [" + appId + "]";
  }

  public static String nameConflict(String volumeName, String appId, List<String> otherApps) {
    return "Volume name '"
        + volumeName
        + "' in "
        + appId
        + " conflicts with volume(s) of same name in app(s): "
        + String.join(", ", otherApps);
  }
}
