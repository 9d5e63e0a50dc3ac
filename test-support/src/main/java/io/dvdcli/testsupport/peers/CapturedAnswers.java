package io.dvdcli.testsupport.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers captured from real peers (a real Docker engine, rclone's plugin), stored as whole HTTP
 * answers ({@code .http}: status line, headers, blank line, body, byte for byte as received) in
 * dvdcli's test resources under {@code io/dvdcli/captured/}. For faults a test must still fake:
 * the fake then answers with a real peer's shape.
 */
public final class CapturedAnswers {
  /** The class-path folder holding them (engine/, managed-plugin/, rclone/). */
  public static final String RESOURCE_ROOT = "/io/dvdcli/captured/";

  private CapturedAnswers() {}

  /** e.g. {@code load("engine/plugins-enabled.http")}; fails loudly if it is not on the class path. */
  public static HttpAnswer load(String name) {
    try (InputStream in = CapturedAnswers.class.getResourceAsStream(RESOURCE_ROOT + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no captured answer " + RESOURCE_ROOT + name + " on the class path");
      }
      return HttpAnswer.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code answer} exactly as it was received. */
  public static void write(Path file, HttpAnswer answer) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, answer.wire().getBytes(StandardCharsets.ISO_8859_1));
  }
}
