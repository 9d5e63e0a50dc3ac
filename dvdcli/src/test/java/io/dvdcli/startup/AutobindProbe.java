package io.dvdcli.startup;

import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by LeanSecurityProcessTest: after LeanSecurity has set up the JDK's
 * UNIX-domain sockets, binding a server socket to no address makes the JDK draw a random socket
 * name from the SecureRandom LeanSecurity gave it. Prints whether LeanSecurity was active, then the
 * name the JDK chose.
 */
public final class AutobindProbe {
  private AutobindProbe() {}

  public static void main(String[] args) throws Exception {
    LeanSecurity.prepareUnixSockets();
    System.out.println("active=" + LeanSecurity.active());
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(null);
      Path bound = Path.of(server.getLocalAddress().toString());
      System.out.println(bound);
      Files.deleteIfExists(bound);
    }
  }
}
