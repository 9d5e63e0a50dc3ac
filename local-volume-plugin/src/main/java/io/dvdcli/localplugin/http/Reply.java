package io.dvdcli.localplugin.http;

import io.dvdcli.protocol.PluginProtocol;
import java.nio.charset.StandardCharsets;

/** An HTTP answer, independent of the server that sends it. */
record Reply(int status, String contentType, byte[] body) {

  static Reply json(int status, byte[] body) {
    return new Reply(status, PluginProtocol.MEDIA_TYPE, body);
  }

  static Reply text(int status, String text) {
    return new Reply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }
}
