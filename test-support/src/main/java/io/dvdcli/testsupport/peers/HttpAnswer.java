package io.dvdcli.testsupport.peers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP answer as it came off the wire: status line, headers (names lower-cased, in order) and
 * the body as text.
 */
public record HttpAnswer(String statusLine, int status, Map<String, List<String>> headers, String body) {
  public HttpAnswer {
    headers = Map.copyOf(headers);
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
