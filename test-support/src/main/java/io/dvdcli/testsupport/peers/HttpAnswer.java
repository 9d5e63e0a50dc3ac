package io.dvdcli.testsupport.peers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP answer as it came off the wire: status line, headers (names lower-cased, in order), the
 * body as text (de-chunked), and {@code wire}, the whole answer exactly as received (each byte one
 * ISO-8859-1 char, so writing it back as ISO-8859-1 gives the same bytes).
 */
public record HttpAnswer(String statusLine, int status, Map<String, List<String>> headers, String body, String wire) {
  public HttpAnswer {
    headers = Map.copyOf(headers);
  }

  /** Parses a whole answer, e.g. one captured from a real peer (see {@link CapturedAnswers}). */
  public static HttpAnswer parse(byte[] wire) throws java.io.IOException {
    return UnixHttp.parse(wire);
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public String toString() {
    return statusLine + " " + body;
  }
}
