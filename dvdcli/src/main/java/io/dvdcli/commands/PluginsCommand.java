package io.dvdcli.commands;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.DockerEngine;
import io.dvdcli.plugin.PluginDiscovery;
import io.dvdcli.plugin.transport.Backoff;
import io.dvdcli.plugin.transport.Deadline;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.volume.VolumePlugins;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Shows what discovery finds, and whether each plugin answers Activate as a volume driver: the
 * first thing to run when a mount says "no plugin". One line per plugin, tab-separated:
 * NAME, ADDRESS, FOUND-AT, STATUS; without names, the legacy plugins in the socket and spec
 * folders and then the Docker engine's managed plugins. Exit 0 only when every plugin listed works
 * (and the engine, when there is one, could be asked).
 */
@Command(name = "plugins", description = "List the plugins discovery finds and check that each answers.")
public final class PluginsCommand implements Callable<Integer> {
  @ParentCommand
  DvdcliCommand root;

  @Mixin
  ConnectionFlags connection;

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these plugins (managed names too).")
  List<String> names = new ArrayList<>();

  @Option(names = "--activate-timeout", paramLabel = "SECONDS", description = "Time per Activate (default 5).")
  double activateSeconds = 5;

  @Override
  public Integer call() {
    Diagnostics log = connection.diagnostics(root.env(), root.err());
    PluginDiscovery discovery = connection.discovery(root.env());
    // No back-off: a listing asks each plugin once.
    VolumePlugins plugins = new VolumePlugins(discovery, new Backoff(Duration.ZERO), log);
    List<PluginDiscovery.Found> found = new ArrayList<>();
    boolean engineOk = true;
    if (names.isEmpty()) {
      found.addAll(discovery.scan());
      engineOk = addManaged(discovery, found, log);
    } else {
      for (String name : names) {
        try {
          PluginAddress a = discovery.find(name);
          found.add(new PluginDiscovery.Found(name, Optional.of(a), Optional.empty(), a.foundAt()));
        } catch (PluginException e) {
          found.add(new PluginDiscovery.Found(name, Optional.empty(), Optional.of(e.getMessage()), null));
        }
      }
    }
    boolean allOk = true;
    for (PluginDiscovery.Found f : found) {
      String status = f.problem().map(p -> "failed: " + p).orElseGet(() -> activate(plugins, f.address().orElseThrow()));
      allOk &= status.startsWith("ok");
      root.out().print(String.join("\t", f.name(),
          f.address().map(PluginAddress::toString).orElse("-"),
          f.file() == null ? "-" : f.file().toString(), status));
      root.out().print('\n');
    }
    root.out().flush();
    if (found.isEmpty()) {
      root.err().println("dvdcli: no plugins found in " + discovery.socketsDir() + " or " + discovery.specsDirs());
      return 1;
    }
    return allOk && engineOk ? 0 : 1;
  }

  /**
   * The managed plugins the Docker engine has. A host without Docker (no DOCKER_HOST, no socket at
   * the default address) simply has none; an engine that is configured but fails is said on stderr.
   */
  private boolean addManaged(PluginDiscovery discovery, List<PluginDiscovery.Found> found, Diagnostics log) {
    try {
      found.addAll(discovery.scanManaged());
      return true;
    } catch (PluginException e) {
      String host = root.env().get("DOCKER_HOST");
      if ((host == null || host.isBlank()) && e.kind() == PluginException.Kind.UNREACHABLE
          && !Files.exists(Path.of(URI.create(DockerEngine.DEFAULT_HOST).getPath()))) {
        log.debug("no Docker engine on this host, so no managed plugins: " + e.getMessage());
        return true;
      }
      log.warn("managed plugins not listed: " + e.getMessage());
      return false;
    }
  }

  private String activate(VolumePlugins plugins, PluginAddress address) {
    try {
      Duration limit = Duration.ofMillis(Math.round(activateSeconds * 1000));
      return "ok: implements " + String.join(",", plugins.client(address, Deadline.in(limit)).activate());
    } catch (PluginException e) {
      return "failed: " + e.getMessage();
    }
  }
}
