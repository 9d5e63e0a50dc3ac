package io.dvdcli.localplugin.http;

import io.dvdcli.protocol.PluginProtocol;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 as Docker's plugin clients speak it. Docker 20.10 (Debian 12's {@code docker.io})
 * sends {@code Host: } with an empty value over UNIX sockets, which Jetty refuses outright with
 * "400 Blank Host" before any handler runs; this factory reads such a Host, or none at all in
 * HTTP/1.0, as the name current Docker sends instead. Everything else is Jetty's own HTTP/1.1
 * connection.
 */
final class PluginConnectionFactory extends HttpConnectionFactory {

  PluginConnectionFactory(HttpConfiguration config) {
    super(config);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    BlankHostTolerantConnection connection =
        new BlankHostTolerantConnection(getHttpConfiguration(), connector, endPoint);
    return configure(connection, connector, endPoint);
  }

  private static final class BlankHostTolerantConnection extends HttpConnection {
    BlankHostTolerantConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
      super(config, connector, endPoint);
    }

    @Override
    protected RequestHandler newRequestHandler() {
      return new BlankHostTolerantHandler();
    }

    private final class BlankHostTolerantHandler extends RequestHandler {
      private boolean sawHost;

      @Override
      public void startRequest(String method, String uri, HttpVersion version) {
        sawHost = false;
        super.startRequest(method, uri, version);
      }

      @Override
      public void parsedHeader(HttpField field) {
        if (field.getHeader() == HttpHeader.HOST) {
          sawHost = true;
          if (field.getValue().isBlank()) {
            field = new HostPortHttpField(PluginProtocol.UNIX_SOCKET_HOST);
          }
        }
        super.parsedHeader(field);
      }

      /**
       * HTTP/1.0 without Host (a hand-typed request through {@code nc -U}) would make Jetty derive
       * the authority from a UNIX socket address, which it cannot.
       */
      @Override
      public boolean headerComplete() {
        if (!sawHost) {
          super.parsedHeader(new HostPortHttpField(PluginProtocol.UNIX_SOCKET_HOST));
        }
        return super.headerComplete();
      }
    }
  }
}
