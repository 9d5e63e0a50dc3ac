package io.dvdcli.examples.plugin.http;

import io.dvdcli.protocol.PluginProtocol;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 as Docker's plugin clients speak it. Docker 20.10 (Debian 12's {@code docker.io})
 * sends {@code Host: } with an empty value over UNIX sockets, which Jetty refuses outright with
 * "400 Blank Host" before any handler runs; this factory reads such a Host as the name current
 * Docker sends instead. Everything else is Jetty's own HTTP/1.1 connection.
 */
final class PluginConnectionFactory extends HttpConnectionFactory {

  PluginConnectionFactory(HttpConfiguration config) {
    super(config);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    BlankHostTolerantConnection connection =
        new BlankHostTolerantConnection(getHttpConfiguration(), connector, endPoint);
    connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
    connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
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
      @Override
      public void parsedHeader(HttpField field) {
        if (field.getHeader() == HttpHeader.HOST && field.getValue().isBlank()) {
          super.parsedHeader(new HostPortHttpField(PluginProtocol.UNIX_SOCKET_HOST));
        } else {
          super.parsedHeader(field);
        }
      }
    }
  }
}
