package io.dvdcli.localplugin.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Adapts Jetty's core API to the {@link ProtocolEndpoint}: body in, reply out, call reported. */
final class PluginHandler extends Handler.Abstract {
  /** Protocol bodies are a few hundred bytes; anything near this is not a plugin client. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final ProtocolEndpoint endpoint;
  private final Consumer<PluginCall> onCall;

  PluginHandler(ProtocolEndpoint endpoint, Consumer<PluginCall> onCall) {
    this.endpoint = endpoint;
    this.onCall = onCall;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    ProtocolEndpoint.Answer answer;
    try {
      byte[] body = readBody(request);
      answer = endpoint.handle(request.getMethod(), Request.getPathInContext(request), body);
    } catch (IOException e) {
      String error = "Failed to read request body: " + e.getMessage();
      answer = new ProtocolEndpoint.Answer(Reply.text(400, error + "\n"), new PluginCall(Request.getPathInContext(request), null, null, 400, error));
    }
    // Reported before the answer leaves, so a client that has its answer also finds the call.
    onCall.accept(answer.call());
    Reply reply = answer.reply();
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
    return true;
  }

  private static byte[] readBody(Request request) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new IOException("the body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }
}
