package io.dvdcli.volume;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises a plugin's way of saying "no such volume" in an {@code Err}. Plugins have no error
 * codes, only text: Docker's local driver says "no such volume", Convoy "Could not find volume",
 * others "not found" or "does not exist". Anything else from Get is a real failure, never a reason
 * to create the volume.
 */
public final class NotFoundAnswers {
  private static final Pattern NOT_FOUND =
      Pattern.compile(
          "no such volume|not found|could ?n[o']t find|cannot find|can't find|unable to find"
              + "|does ?n[o']t exist|not exist|no volume (named|with|found)|unknown volume|volume not found");

  private NotFoundAnswers() {}

  public static boolean saysNotFound(String message) {
    return message != null && NOT_FOUND.matcher(message.toLowerCase(Locale.ROOT)).find();
  }
}
