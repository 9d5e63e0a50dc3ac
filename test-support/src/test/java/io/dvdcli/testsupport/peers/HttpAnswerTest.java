package io.dvdcli.testsupport.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpAnswerTest {
  // The shape dockerd 20.10 gives GET /plugins: chunked even though the request said Connection: close.
  private static final String CHUNKED =
      "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nServer: Docker/20.10.24+dfsg1 (linux)\r\n"
          + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\n[{\"Id\r\n8\r\n\":\"x\"}]\n\r\n0\r\n\r\n";

  @Test
  void aChunkedAnswerIsReadAsItsBodyAndKeepsItsWireForm() throws IOException {
    HttpAnswer answer = HttpAnswer.parse(CHUNKED.getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(200, answer.status());
    assertEquals("[{\"Id\":\"x\"}]\n", answer.body());
    assertEquals("1.41", answer.header("api-version").orElseThrow());
    assertEquals("Docker/20.10.24+dfsg1 (linux)", answer.header("Server").orElseThrow());
    assertEquals(CHUNKED, answer.wire());
  }

  @Test
  void aWrittenAnswerIsTheSameBytesAsReceived(@TempDir Path tmp) throws IOException {
    HttpAnswer answer = HttpAnswer.parse(CHUNKED.getBytes(StandardCharsets.ISO_8859_1));
    Path file = tmp.resolve("engine/plugins.http");
    CapturedAnswers.write(file, answer);
    assertEquals(CHUNKED, Files.readString(file, StandardCharsets.ISO_8859_1));
  }

  @Test
  void somethingThatIsNotHttpIsAnError() {
    assertThrows(IOException.class, () -> HttpAnswer.parse("hello".getBytes(StandardCharsets.ISO_8859_1)));
  }
}
