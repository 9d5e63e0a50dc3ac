package io.dvdcli.plugin;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.transport.Backoff;
import io.dvdcli.plugin.transport.Deadline;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.Sleeper;
import java.time.Duration;
import java.util.Optional;

/**
 * Docker retries a plugin that is not there yet (it may be starting: moby
 * {@code pkg/plugins/plugins.go} loadWithRetry) with the same back-off as a refused connection.
 * A Docker engine that does not answer a managed plugin's look-up is retried the same way (it
 * may be restarting); every other answer is definite: a disabled plugin, a bad name or spec file,
 * an engine that refuses or answers nonsense fail at once.
 */
public final class PluginLookup {
  private final PluginDiscovery discovery;
  private final Backoff backoff;
  private final Deadline deadline;
  private final Sleeper sleeper;
  private final Diagnostics log;

  public PluginLookup(PluginDiscovery discovery, Backoff backoff, Deadline deadline, Sleeper sleeper, Diagnostics log) {
    this.discovery = discovery;
    this.backoff = backoff;
    this.deadline = deadline;
    this.sleeper = sleeper;
    this.log = log;
  }

  public static boolean worthLookingAgain(PluginException e) {
    return e.kind() == PluginException.Kind.NOT_FOUND || e.kind() == PluginException.Kind.UNREACHABLE;
  }

  public PluginAddress find(String name) throws PluginException {
    Duration slept = Duration.ZERO;
    for (int retries = 0; ; retries++) {
      try {
        return discovery.find(name);
      } catch (PluginException e) {
        if (!worthLookingAgain(e)) {
          throw e;
        }
        Optional<Duration> next = backoff.nextWait(retries, deadline.elapsed(), deadline);
        if (next.isEmpty()) {
          if (slept.isZero()) {
            throw e;
          }
          throw new PluginException(e.kind(), 0, e.getMessage() + " (waited " + slept.toSeconds() + " s)", e);
        }
        Duration wait = next.get();
        log.debug(e.getMessage() + "; looking again in " + wait.toSeconds() + " s");
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        slept = slept.plus(wait);
      }
    }
  }
}
