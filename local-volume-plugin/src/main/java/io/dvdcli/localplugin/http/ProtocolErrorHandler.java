package io.dvdcli.localplugin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.protocol.PluginProtocol;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers requests Jetty refuses before the plugin sees them (malformed HTTP) as a plugin would:
 * {@code {"Err": ...}} instead of Jetty's HTML page, so clients can show the reason.
 */
final class ProtocolErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback callback) {
    String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    byte[] body;
    try {
      body = ServerJson.MAPPER.writeValueAsBytes(
          new ErrorResponse("Failed to read the HTTP request: " + code + " " + reason));
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, PluginProtocol.MEDIA_TYPE);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
