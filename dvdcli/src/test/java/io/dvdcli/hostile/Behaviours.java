package io.dvdcli.hostile;

import io.dvdcli.hostile.HostilePlugin.Behaviour;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** The misbehaviours, each as a plugin in the field could produce it on the wire. */
public final class Behaviours {
  private static final String JSON_TYPE = "application/vnd.docker.plugins.v1.2+json";

  private Behaviours() {}

  /** A complete answer with the given status and body bytes. */
  public static Behaviour raw(int status, String contentType, byte[] body) {
    return x -> {
      x.write(head(status, contentType, body.length));
      x.write(body);
    };
  }

  public static Behaviour json(int status, String body) {
    return raw(status, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8));
  }

  public static Behaviour hang() {
    return HostilePlugin.Exchange::hang;
  }

  /** A valid answer sent one byte at a time, {@code perByte} apart: a slow-loris. */
  public static Behaviour slowLoris(String json, Duration perByte) {
    byte[] all = (head(200, JSON_TYPE, json.length()) + json).getBytes(StandardCharsets.UTF_8);
    return x -> {
      for (byte b : all) {
        x.write(new byte[] {b});
        if (x.pause(perByte)) {
          return;
        }
      }
    };
  }

  public static Behaviour closeMidHeaders() {
    return x -> x.write("HTTP/1.1 200 OK\r\nContent-Type: " + JSON_TYPE + "\r\nContent-Len");
  }

  public static Behaviour closeMidBody() {
    return x -> {
      x.write(head(200, JSON_TYPE, 40));
      x.write("{\"Mountpoint\":\"/mnt/");
    };
  }

  /** Claims a body of {@code length} bytes and streams filler until the client stops reading. */
  public static Behaviour hugeBody(long length) {
    return x -> {
      x.write(head(200, JSON_TYPE, length));
      x.write("{\"Mountpoint\":\"/");
      byte[] filler = new byte[64 * 1024];
      Arrays.fill(filler, (byte) 'a');
      for (long sent = 0; sent < length; sent += filler.length) {
        x.write(filler);
      }
    };
  }

  /** A chunked body that never ends. */
  public static Behaviour endlessChunked() {
    return x -> {
      x.write("HTTP/1.1 200 OK\r\nContent-Type: " + JSON_TYPE + "\r\nTransfer-Encoding: chunked\r\n\r\n");
      x.write("10\r\n{\"Mountpoint\":\"/\r\n");
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'a');
      byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      while (true) {
        x.write(size);
        x.write(chunk);
        x.write("\r\n");
      }
    };
  }

  public static Behaviour redirect(int status, String location) {
    return x -> x.write("HTTP/1.1 " + status + " Moved\r\nLocation: " + location
        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  /** An interim {@code 100 Continue}, then silence. */
  public static Behaviour continueThenNothing() {
    return x -> {
      x.write("HTTP/1.1 100 Continue\r\n\r\n");
      x.hang();
    };
  }

  /**
   * Answers well, and the plugin process dies (socket file left behind). It stops listening before
   * the answer goes out, so the next call cannot slip into the accept queue.
   */
  public static Behaviour answerThenDie() {
    return x -> {
      x.plugin().die();
      HostilePlugin.wellBehaved(x);
    };
  }

  private static String head(int status, String contentType, long length) {
    return "HTTP/1.1 " + status + " Whatever\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length
        + "\r\nConnection: close\r\n\r\n";
  }
}
