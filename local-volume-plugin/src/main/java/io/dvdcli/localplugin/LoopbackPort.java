package io.dvdcli.localplugin;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --tcp HOST:PORT} where HOST must be loopback: the plugin protocol has no
 * authentication, so the plugin never listens beyond this host.
 */
final class LoopbackPort implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? "" : value.substring(0, colon);
    if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
      throw new TypeConversionException(
          "'" + value + "' is not 127.0.0.1:PORT (the plugin listens on loopback only)");
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' has no port between 0 and 65535");
    }
  }
}
