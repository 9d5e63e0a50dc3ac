package io.dvdcli.commands;

import io.dvdcli.cli.DiscoveryFlags;
import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.transport.Deadline;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.volume.VolumeDriverClient;
import io.dvdcli.volume.VolumePlugins;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How long a dvdcli command may take, on top of where plugins are looked for ({@link
 * DiscoveryFlags}). Each flag has an environment variable, because the Mesos agent's argv is fixed
 * and only its environment can be set.
 */
public final class ConnectionFlags extends DiscoveryFlags {
  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Time for the whole command (env DVDCLI_TIMEOUT; default mount 100, unmount 540, others 60).")
  Double timeoutSeconds;

  /** Everything a command needs to talk to one plugin, built once per run. */
  public record Session(VolumeDriverClient driver, Deadline deadline, Diagnostics log) {}

  public Deadline deadline(Map<String, String> env, Duration commandDefault) {
    return Deadline.in(seconds(timeoutSeconds, env, "DVDCLI_TIMEOUT", commandDefault, "--timeout"));
  }

  /** Finds the plugin (retrying a missing one as Docker does) and prepares its client. */
  public Session connect(String driverName, Map<String, String> env, PrintStream err, Duration commandDefault)
      throws PluginException {
    Deadline deadline = deadline(env, commandDefault); // a bad DVDCLI_TIMEOUT is reported first
    VolumePlugins plugins = plugins(env, err);
    return new Session(plugins.connect(driverName, deadline), deadline, plugins.log());
  }
}
