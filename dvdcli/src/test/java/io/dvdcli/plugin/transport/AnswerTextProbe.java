package io.dvdcli.plugin.transport;

/** Opens the package-private answer texts to the fuzz tests in {@code io.dvdcli.hostile}. */
public final class AnswerTextProbe {
  private AnswerTextProbe() {}

  public static String errorMessage(byte[] body) {
    return AnswerText.errorMessage(body);
  }

  public static String describeBody(byte[] body) {
    return AnswerText.describeBody(body);
  }
}
