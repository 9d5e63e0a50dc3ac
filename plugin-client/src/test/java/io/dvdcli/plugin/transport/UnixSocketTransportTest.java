package io.dvdcli.plugin.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.testsupport.peers.CapturedAnswers;
import io.dvdcli.testsupport.peers.HttpAnswer;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP/1.1 answers a plugin may give, byte for byte on a real UNIX socket: the framings the
 * hostile-plugin table does not already cover.
 */
class UnixSocketTransportTest {
  @TempDir Path tmp;

  /** Serves one connection: reads the request head and body, writes {@code answer}, closes. */
  private static CompletableFuture<String> serveOnce(Path socket, String answer) throws Exception {
    return OneExchangePlugin.serve(socket, Duration.ZERO, answer);
  }

  private Transport.Answer post(String answer) throws Exception {
    Path socket = tmp.resolve("p.sock");
    CompletableFuture<String> request = serveOnce(socket, answer);
    Transport.Answer a = new UnixSocketTransport(socket)
        .post("VolumeDriver.Get", "{\"Name\":\"v\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), 1 << 20);
    request.get(10, TimeUnit.SECONDS);
    return a;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "content length|HTTP/1.1 200 OK\\r\\nContent-Length: 13\\r\\n\\r\\n{\"Err\":\"\"}xyz|{\"Err\":\"\"}xyz",
      "chunked with an extension and a trailer|HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n4;ext=1\\r\\n{\"Er\\r\\n6\\r\\nr\":\"\"}\\r\\n0\\r\\nX-Trailer: 1\\r\\n\\r\\n|{\"Err\":\"\"}",
      "read until close, HTTP/1.0|HTTP/1.0 200 OK\\r\\n\\r\\n{\"Err\":\"\"}|{\"Err\":\"\"}",
      "bare LF line ends|HTTP/1.1 200 OK\\nContent-Length: 2\\n\\n{}|{}",
      "100 Continue first|HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\n{}|{}",
      "no reason phrase|HTTP/1.1 200\\r\\nContent-Length: 2\\r\\n\\r\\n{}|{}"})
  void answersAreReadInEveryFramingHttp11Allows(String framing, String answer, String body) throws Exception {
    Transport.Answer a = post(answer.replace("\\r", "\r").replace("\\n", "\n"));
    assertEquals(200, a.code());
    assertEquals(body, new String(a.body(), StandardCharsets.UTF_8));
    assertNull(a.location());
  }

  @Test
  void theRequestIsWhatDockerSendsOverAUnixSocket() throws Exception {
    Path socket = tmp.resolve("p.sock");
    CompletableFuture<String> request = serveOnce(socket, "HTTP/1.1 204 No Content\r\n\r\n");
    Transport.Answer a = new UnixSocketTransport(socket)
        .post("Plugin.Activate", new byte[0], Duration.ofSeconds(10), 1 << 20);
    assertEquals(204, a.code());
    assertEquals(0, a.body().length);
    String head = request.get(10, TimeUnit.SECONDS);
    assertTrue(head.startsWith("POST /Plugin.Activate HTTP/1.1\r\n"), head);
    assertTrue(head.contains("\r\nHost: plugin.moby.localhost\r\n"), head);
    assertTrue(head.contains("\r\nAccept: application/vnd.docker.plugins.v1.2+json\r\n"), head);
    assertTrue(head.contains("\r\nContent-Length: 0\r\n"), head);
  }

  @Test
  void anEngineQuestionIsABodilessGetAndTheEnginesChunkedAnswerIsReadWhole() throws Exception {
    Path socket = tmp.resolve("docker.sock");
    // dockerd's own answer to GET /plugins, byte for byte as captured: chunked, no Content-Length.
    HttpAnswer captured = CapturedAnswers.load("engine/plugins-enabled.http");
    assertEquals(Optional.of("chunked"), captured.header("transfer-encoding"));
    CompletableFuture<String> request = serveOnce(socket, captured.wire());
    Transport.Answer a = new UnixSocketTransport(socket).get("plugins", Duration.ofSeconds(10), 1 << 20);
    assertEquals(200, a.code());
    assertEquals(captured.body(), new String(a.body(), StandardCharsets.UTF_8));
    String head = request.get(10, TimeUnit.SECONDS);
    assertTrue(head.startsWith("GET /plugins HTTP/1.1\r\n"), head);
    assertTrue(head.contains("\r\nHost: plugin.moby.localhost\r\n"), head);
    assertFalse(head.contains("Content-Length"), head);
    assertFalse(head.contains("application/vnd.docker.plugins"), head);
    assertTrue(head.endsWith("\r\n\r\n"), head);
  }

  @Test
  void aRedirectKeepsItsLocation() throws Exception {
    Transport.Answer a = post("HTTP/1.1 307 Temporary Redirect\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n");
    assertEquals(307, a.code());
    assertEquals("/elsewhere", a.location());
  }

  @Test
  void aBodyOverTheCapIsRefusedWithoutReadingIt() throws Exception {
    Path socket = tmp.resolve("p.sock");
    serveOnce(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\n{");
    assertThrows(Transport.AnswerTooLargeException.class, () -> new UnixSocketTransport(socket)
        .post("VolumeDriver.Mount", new byte[0], Duration.ofSeconds(10), 1 << 20));
  }

  @Test
  void aBodyCutShortIsAnUnexpectedEndOfStream() throws Exception {
    Path socket = tmp.resolve("p.sock");
    serveOnce(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"");
    EOFException e = assertThrows(EOFException.class, () -> new UnixSocketTransport(socket)
        .post("VolumeDriver.Mount", new byte[0], Duration.ofSeconds(10), 1 << 20));
    assertEquals("unexpected end of stream", e.getMessage());
  }
}
