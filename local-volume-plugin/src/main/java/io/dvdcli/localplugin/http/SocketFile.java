package io.dvdcli.localplugin.http;

import io.dvdcli.localplugin.driver.IoErrors;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The UNIX socket's file: clears a stale one before binding, locks down the new one after. */
final class SocketFile {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;

  private SocketFile() {}

  /**
   * Makes {@code socket} free to bind. A socket file nobody answers on is stale (the previous
   * plugin died without cleaning up) and is replaced; a live one, or a file that is not a socket,
   * is left alone and refused.
   */
  static void prepare(Path socket) throws IOException {
    try {
      Path parent = socket.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent);
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      if (!isSocket(socket)) {
        throw new IOException(failure(socket, "a file that is not a socket is in the way"));
      }
      if (answers(socket)) {
        throw new IOException(failure(socket, "another process is listening on it"));
      }
      Files.deleteIfExists(socket);
    } catch (FileSystemException e) {
      throw new IOException(failure(socket, IoErrors.describe(e)), e);
    }
  }

  /** Owner and group may connect (as Docker's plugin sockets are root-only by default). */
  static void restrict(Path socket) throws IOException {
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    } catch (FileSystemException e) {
      throw new IOException(failure(socket, IoErrors.describe(e)), e);
    }
  }

  static String failure(Path socket, String cause) {
    return "Failed to listen on socket '" + socket + "': " + cause;
  }

  private static boolean isSocket(Path path) throws IOException {
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return (mode & S_IFMT) == S_IFSOCK;
  }

  private static boolean answers(Path socket) {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return channel.isConnected();
    } catch (IOException e) {
      return false;
    }
  }
}
