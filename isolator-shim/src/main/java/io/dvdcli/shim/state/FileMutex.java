package io.dvdcli.shim.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A lock that excludes other processes (an fcntl lock on a lock file) and other threads of this
 * JVM (fcntl locks are per process, and Java refuses overlapping locks within one JVM). Not
 * re-entrant: callers never nest the same lock. A process killed with -9 loses its locks at once.
 */
public final class FileMutex implements AutoCloseable {
  private static final ConcurrentHashMap<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

  private final Semaphore local;
  private final FileChannel channel;
  private final FileLock lock;

  private FileMutex(Semaphore local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  public static FileMutex acquire(Path lockFile) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    Semaphore local = IN_JVM.computeIfAbsent(key, k -> new Semaphore(1));
    local.acquireUninterruptibly();
    FileChannel channel = null;
    try {
      AtomicFiles.createDirectories(key.getParent());
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      return new FileMutex(local, channel, lock);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      local.release();
      throw new IOException("Failed to lock '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      local.release();
    }
  }
}
