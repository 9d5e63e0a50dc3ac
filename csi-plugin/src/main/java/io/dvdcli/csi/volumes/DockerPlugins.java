package io.dvdcli.csi.volumes;

import io.dvdcli.plugin.transport.Deadline;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.volume.VolumeDriverClient;
import io.dvdcli.volume.VolumePlugins;
import io.dvdcli.volume.VolumeService;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The Docker plugins behind the CSI calls, found and called exactly as dvdcli finds and calls them
 * (sockets, spec files, managed plugins through the engine; Docker's back-off for a plugin that is
 * not there yet). Each CSI call gets its own time budget: what the CO's gRPC deadline leaves, less
 * a margin to answer in, and never more than Docker's own 2-minute limit for Mount.
 *
 * <p>Activate is sent once per plugin, as Docker does, and again after the plugin stopped
 * answering (it may have been restarted, and a new process needs the handshake).
 *
 * <p>At most {@code concurrency} CSI calls use one plugin at a time; the others wait their turn
 * within their budget. Docker sends a plugin as many calls at once as containers start, but real
 * plugins do not all bear it: rclone 1.60's {@code serve docker} hangs for good, every later call
 * included, once three Mounts run at once (seen here with distinct remotes; two never did), and
 * kubelet publishes every pod's volumes in parallel. A slot is held for a whole CSI call (Get,
 * Create, Mount form one publish), so a publish never waits half-done.
 */
public final class DockerPlugins {
  static final Duration LONGEST_CALL = Duration.ofMinutes(2);
  static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

  private final VolumePlugins plugins;
  private final int concurrency;
  private final Map<String, PluginAddress> activated = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

  public DockerPlugins(VolumePlugins plugins, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("plugin concurrency must be at least 1, not " + concurrency);
    }
    this.plugins = plugins;
    this.concurrency = concurrency;
  }

  /** One plugin, ready for calls within this CSI call's budget; close gives its slot back. */
  public record Plugin(VolumeDriverClient driver, VolumeService volumes, Semaphore slot) implements AutoCloseable {
    @Override
    public void close() {
      slot.release();
    }
  }

  public Plugin connect(String driverName) throws PluginException {
    return connect(driverName, false);
  }

  /** Looks the plugin up and activates it even when it answered before (Probe: is it still there?). */
  public Plugin check(String driverName) throws PluginException {
    return connect(driverName, true);
  }

  private Plugin connect(String driverName, boolean afresh) throws PluginException {
    Deadline deadline = Deadline.in(budget());
    Semaphore slot = slots.computeIfAbsent(driverName, name -> new Semaphore(concurrency, true));
    try {
      if (!slot.tryAcquire(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new PluginException(PluginException.Kind.TIMEOUT, "plugin '" + driverName + "' stayed busy with "
            + concurrency + " other call(s) for " + deadline.total().toSeconds() + " s (--plugin-concurrency)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginException(PluginException.Kind.TIMEOUT, "interrupted while waiting for plugin '" + driverName + "'");
    }
    try {
      PluginAddress known = afresh ? null : activated.get(driverName);
      PluginAddress address = known != null ? known : plugins.find(driverName, deadline);
      VolumeDriverClient driver = plugins.client(address, deadline);
      if (known == null) {
        driver.activate();
        activated.put(driverName, address);
      }
      return new Plugin(driver, new VolumeService(driver, plugins.log()), slot);
    } catch (PluginException | RuntimeException e) {
      slot.release();
      if (e instanceof PluginException p) {
        forget(driverName, p);
      }
      throw e;
    }
  }

  /** {@link #connect} for a CSI call: a failure is the call's status, "&lt;doing&gt;: &lt;why&gt;". */
  public Plugin connectFor(String driverName, String doing) {
    try {
      return connect(driverName);
    } catch (PluginException e) {
      throw Statuses.of(doing, e);
    }
  }

  /** A failed plugin call as the CSI call's status; a plugin that stopped answering is forgotten. */
  public StatusRuntimeException failure(String doing, String driverName, PluginException e) {
    forget(driverName, e);
    return Statuses.of(doing, e);
  }

  /** After a failed call: a plugin that stopped answering is looked up and activated afresh. */
  public void forget(String driverName, PluginException e) {
    if (e.kind() != PluginException.Kind.REFUSED && e.kind() != PluginException.Kind.NOT_IMPLEMENTED) {
      activated.remove(driverName);
    }
  }

  private static Duration budget() {
    io.grpc.Deadline callDeadline = Context.current().getDeadline();
    if (callDeadline == null) {
      return LONGEST_CALL;
    }
    Duration left = Duration.ofMillis(callDeadline.timeRemaining(TimeUnit.MILLISECONDS)).minus(ANSWER_MARGIN);
    if (left.isNegative()) {
      return Duration.ZERO;
    }
    return left.compareTo(LONGEST_CALL) < 0 ? left : LONGEST_CALL;
  }
}
