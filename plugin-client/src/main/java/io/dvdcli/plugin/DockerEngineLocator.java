package io.dvdcli.plugin;

import io.dvdcli.plugin.transport.ManagedPaths;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Managed plugins ({@code rexray/ebs}, {@code vieux/sshfs:latest}) are known only to the Docker
 * engine. It names each by an id and always puts its socket at
 * {@code /run/docker/plugins/<id>/<socket>} on the host (moby {@code plugin/v2/plugin.go}: the
 * plugin's runtime folder), whatever {@code --exec-root} dockerd runs with and whatever folder
 * dvdcli looks in for legacy sockets. The paths such a plugin answers are inside its root file
 * system; the address carries the {@link ManagedPaths} that map them to the host.
 *
 * <p>What the engine says decides the outcome: not installed is {@link Kind#NOT_FOUND} (the caller
 * may look again: it may be being installed), disabled is {@link Kind#DISABLED} at once (Docker
 * fails at once too: "found but disabled"), and an engine that cannot be asked is the engine's
 * own error.
 */
public final class DockerEngineLocator implements ManagedPluginLocator {
  public static final Path RUNTIME_DIR = Path.of("/run/docker/plugins");
  private static final Pattern ID = Pattern.compile("[0-9a-f]{12,128}");
  private static final Pattern SOCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private final DockerEngine engine;
  private final Path runtimeDir;

  public DockerEngineLocator(DockerEngine engine) {
    this(engine, RUNTIME_DIR);
  }

  /** {@code runtimeDir} is only for tests: the engine itself always uses {@link #RUNTIME_DIR}. */
  DockerEngineLocator(DockerEngine engine, Path runtimeDir) {
    this.engine = engine;
    this.runtimeDir = runtimeDir;
  }

  @Override
  public PluginAddress find(String name) throws PluginException {
    for (ManagedPlugin p : engine.plugins()) {
      if (p.isNamed(name)) {
        return addressOf(p, name, engine.rootDir());
      }
    }
    throw new PluginException(Kind.NOT_FOUND,
        "no managed plugin named '" + name + "' is installed in the Docker engine at " + engine.host()
            + " (docker plugin ls shows what is)");
  }

  @Override
  public List<PluginDiscovery.Found> scan() throws PluginException {
    List<ManagedPlugin> plugins = engine.plugins();
    List<PluginDiscovery.Found> out = new ArrayList<>();
    if (plugins.isEmpty()) {
      return out;
    }
    Path root = engine.rootDir();
    for (ManagedPlugin p : plugins) {
      try {
        PluginAddress a = addressOf(p, p.name(), root);
        out.add(new PluginDiscovery.Found(p.name(), Optional.of(a), Optional.empty(), a.foundAt()));
      } catch (PluginException e) {
        out.add(new PluginDiscovery.Found(String.valueOf(p.name()), Optional.empty(), Optional.of(e.getMessage()), null));
      }
    }
    return out;
  }

  private PluginAddress addressOf(ManagedPlugin p, String asked, Path dockerRoot) throws PluginException {
    if (!p.enabled()) {
      throw new PluginException(Kind.DISABLED,
          "managed plugin '" + asked + "' is installed but disabled (docker plugin enable " + asked + ")");
    }
    if (p.id() == null || !ID.matcher(p.id()).matches() || p.socket() == null
        || !SOCKET.matcher(p.socket()).matches() || p.socket().contains("..")) {
      throw new PluginException(Kind.INVALID_SPEC,
          "the Docker engine describes managed plugin '" + asked + "' with an unusable id or socket");
    }
    Path socket = runtimeDir.resolve(p.id()).resolve(p.socket());
    ManagedPaths paths = new ManagedPaths(dockerRoot.resolve("plugins").resolve(p.id()), p.propagatedMount());
    return new PluginAddress(asked, URI.create("unix://" + socket.toAbsolutePath()), null, socket, paths);
  }
}
