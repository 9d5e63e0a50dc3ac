package io.dvdcli.csi.state;

import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys (target paths, volume names) with a call under way. A second call on the same key while
 * the first runs is answered ABORTED at once, as the CSI spec asks ("operation pending for
 * volume"), rather than queued behind a plugin call that may take minutes: the CO retries it.
 */
public final class InFlight {
  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  /** A claim on {@code key}, released by close; throws ABORTED when the key is taken. */
  public Claim claim(String key, String what) {
    if (!keys.add(key)) {
      throw Status.ABORTED.withDescription("another call on " + what + " is still running; try again")
          .asRuntimeException();
    }
    return () -> keys.remove(key);
  }

  /** Held while a call runs; never throws on close. */
  public interface Claim extends AutoCloseable {
    @Override
    void close();
  }
}
