package io.dvdcli.csi.node;

import csi.v1.Csi.VolumeUsage;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * statfs of a published folder, bounded in time. A FUSE file system whose daemon hangs (rclone's
 * plugin can) blocks statfs for ever, and kubelet asks for every volume every minute: each ask
 * runs on one of two threads of its own and is given up after {@link #LIMIT}, so at most two
 * threads can ever be stuck and the call threads never are.
 */
final class SpaceProbe {
  static final Duration LIMIT = Duration.ofSeconds(5);

  private final ExecutorService threads = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(8), runnable -> {
        Thread t = new Thread(runnable, "csi-statfs");
        t.setDaemon(true);
        return t;
      });

  /** The space in bytes; IOException when it cannot be read or does not answer within the limit. */
  VolumeUsage bytes(Path folder) throws IOException {
    Future<VolumeUsage> answer;
    try {
      answer = threads.submit(() -> read(folder));
    } catch (RejectedExecutionException e) {
      throw new IOException("earlier statfs calls on unresponsive file systems are still waiting");
    }
    try {
      return answer.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new IOException("statfs did not answer within " + LIMIT.toSeconds() + " s (is the plugin's file system hung?)");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static VolumeUsage read(Path folder) throws IOException {
    FileStore store = Files.getFileStore(folder);
    long total = store.getTotalSpace();
    return VolumeUsage.newBuilder().setUnit(VolumeUsage.Unit.BYTES)
        .setTotal(total)
        .setAvailable(store.getUsableSpace())
        .setUsed(Math.max(0, total - store.getUnallocatedSpace()))
        .build();
  }
}
