package io.dvdcli.cli;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.DockerEngine;
import io.dvdcli.plugin.DockerEngineLocator;
import io.dvdcli.plugin.PluginDiscovery;
import io.dvdcli.plugin.transport.Backoff;
import io.dvdcli.volume.VolumePlugins;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where Docker plugins are looked for, how long a missing one is waited for, and diagnostics: the
 * flags both command-line front ends share (dvdcli's commands through its ConnectionFlags,
 * dvdcli-csi as a mixin), turned into the client library's entry point ({@link #plugins}). Each flag has an environment variable, because the Mesos agent's argv is fixed and a
 * DaemonSet's container is configured by its environment.
 */
public class DiscoveryFlags {
  private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(10);

  @Option(names = "--retry-timeout", paramLabel = "SECONDS",
      description = "Docker-style back-off budget for a missing or refusing plugin (env DVDCLI_RETRY_TIMEOUT; default 30).")
  Double retrySeconds;

  @Option(names = "--sockets-dir", paramLabel = "DIR",
      description = "Plugin socket folder (env DVDCLI_SOCKETS_DIR; default /run/docker/plugins).")
  Path socketsDir;

  // "DIRS", not "DIR[:DIR...]": AsciiDoc reads those brackets as markup and the man page's synopsis
  // lost the option.
  @Option(names = "--specs-dirs", paramLabel = "DIRS",
      description = "Plugin spec folders, colon-separated (env DVDCLI_SPECS_DIRS; default /etc/docker/plugins:/usr/lib/docker/plugins).")
  String specsDirs;

  @Option(names = "--debug", description = "Diagnostics on stderr (env DVDCLI_DEBUG=1).")
  boolean debug;

  public Diagnostics diagnostics(Map<String, String> env, PrintStream err) {
    return new Diagnostics(err, debugRequested(debug, env));
  }

  /**
   * The one rule for "debug on", read by the diagnostics and by Main (stack traces of internal
   * errors), on picocli's path and the agent's fast path alike: {@code --debug}, or
   * {@code DVDCLI_DEBUG} set to 1 or true.
   */
  public static boolean debugRequested(boolean flag, Map<String, String> env) {
    String e = env.getOrDefault("DVDCLI_DEBUG", "");
    return flag || e.equals("1") || e.equalsIgnoreCase("true");
  }

  /** The client library's entry point, set up from these flags and the environment. */
  public VolumePlugins plugins(Map<String, String> env, PrintStream err) {
    Backoff backoff = backoff(env); // a bad DVDCLI_RETRY_TIMEOUT is reported before a bad folder
    return new VolumePlugins(discovery(env), backoff, diagnostics(env, err));
  }

  /** Docker's back-off within {@code --retry-timeout} (default 30 s) for a plugin not there yet. */
  public Backoff backoff(Map<String, String> env) {
    return new Backoff(seconds(retrySeconds, env, "DVDCLI_RETRY_TIMEOUT", Duration.ofSeconds(30), "--retry-timeout"));
  }

  /**
   * Where plugins are looked for: the flags when given, else {@code DVDCLI_SOCKETS_DIR} and {@code
   * DVDCLI_SPECS_DIRS}, else Docker's folders; managed plugins through {@code DOCKER_HOST}'s engine.
   */
  public PluginDiscovery discovery(Map<String, String> env) {
    Path sockets = socketsDir != null ? socketsDir
        : env.containsKey("DVDCLI_SOCKETS_DIR") ? Path.of(env.get("DVDCLI_SOCKETS_DIR"))
        : PluginDiscovery.DEFAULT_SOCKETS_DIR;
    String specs = specsDirs != null ? specsDirs : env.get("DVDCLI_SPECS_DIRS");
    List<Path> specPaths = new ArrayList<>();
    if (specs == null) {
      specPaths.addAll(PluginDiscovery.DEFAULT_SPECS_DIRS);
    } else {
      for (String s : specs.split(":")) {
        if (!s.isBlank()) {
          specPaths.add(Path.of(s));
        }
      }
    }
    return new PluginDiscovery(sockets, specPaths, new DockerEngineLocator(dockerEngine(env)));
  }

  /** The engine asked about managed plugins: {@code DOCKER_HOST}, as the docker CLI reads it. */
  public static DockerEngine dockerEngine(Map<String, String> env) {
    String dockerHost = env.get("DOCKER_HOST");
    return new DockerEngine(dockerHost == null || dockerHost.isBlank() ? DockerEngine.DEFAULT_HOST : dockerHost.trim(),
        ENGINE_TIMEOUT);
  }

  /** A flag in seconds, else its environment variable, else the default; bad values are a usage error. */
  protected static Duration seconds(Double flag, Map<String, String> env, String var, Duration fallback, String flagName) {
    Double value = flag;
    if (value == null && env.get(var) != null && !env.get(var).isBlank()) {
      try {
        value = Double.valueOf(env.get(var).trim());
      } catch (NumberFormatException e) {
        throw new UsageException(var + "='" + env.get(var) + "' is not a number of seconds");
      }
    }
    if (value == null) {
      return fallback;
    }
    if (value.isNaN() || value < 0 || value > 86_400) {
      throw new UsageException((flag != null ? flagName : var) + " must be between 0 and 86400 seconds");
    }
    return Duration.ofMillis(Math.round(value * 1000));
  }
}
