package io.dvdcli.plugin.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.plugin.codec.WireCodec;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.untrusted.UntrustedText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever a plugin sent back into one short line for the operator: the {@code Err} (or
 * REX-Ray's {@code Error}) of a JSON body, else the text, else the title of an HTML page.
 */
public final class AnswerText {
  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private AnswerText() {}

  static String errorMessage(byte[] body) {
    if (body.length == 0) {
      return "(empty body)";
    }
    // The usual error answer, {"Err":"..."} once, is read by the client's codec without Jackson:
    // on a Get of a missing volume (every implicit create) the mapper's start-up tripled a mount.
    ErrorResponse plain = WireCodec.decodePlain(body, ErrorResponse.class);
    if (plain != null && plain.err() != null) {
      return errText(plain.err());
    }
    // Anything else (a number or object as Err, Err given twice, no Err, not JSON) as the mapper reads it.
    try {
      JsonNode node = PluginJson.MAPPER.readTree(body);
      if (node != null && node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          String key = field.getKey();
          if (key.equalsIgnoreCase("Err") || key.equalsIgnoreCase("Error")) {
            String msg = field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString();
            return errText(msg);
          }
        }
      }
    } catch (Exception notJson) {
      // fall through to text
    }
    return describeBody(body);
  }

  /** The plugin's own error message in one line, never empty (it may be only blanks or NULs). */
  static String errText(String err) {
    String line = UntrustedText.summarised(err);
    return line.isEmpty() ? "(the plugin gave an empty error message)" : line;
  }

  /** A body that is not what was expected, in a few words. */
  public static String describeBody(byte[] body) {
    if (body.length == 0) {
      return "empty body";
    }
    String text = decode(body);
    if (text == null) {
      return "a body of " + body.length + " bytes that is not UTF-8 text";
    }
    Matcher title = TITLE.matcher(text);
    if (title.find()) {
      return orElse("an HTML page: ", UntrustedText.summarised(TAG.matcher(title.group(1)).replaceAll(" ")), "an HTML page");
    }
    if (text.regionMatches(true, 0, "<!doctype html", 0, 14) || text.regionMatches(true, 0, "<html", 0, 5)) {
      return orElse("an HTML page: ", UntrustedText.summarised(TAG.matcher(text).replaceAll(" ")), "an HTML page");
    }
    return orElse("", UntrustedText.summarised(text), "a body of " + body.length + " bytes of blanks and control characters");
  }

  private static String orElse(String prefix, String line, String whenEmpty) {
    return line.isEmpty() ? whenEmpty : prefix + line;
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format("%.1f s", ms / 1000.0);
  }

  private static String decode(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
