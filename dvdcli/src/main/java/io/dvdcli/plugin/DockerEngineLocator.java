package io.dvdcli.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.dvdcli.plugin.PluginException.Kind;
import io.dvdcli.plugin.transport.HttpClients;
import io.dvdcli.protocol.PluginJson;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Managed plugins ({@code rexray/ebs}, {@code vieux/sshfs:latest}) listen on
 * {@code /run/docker/plugins/<plugin-id>/<socket>}; only the engine knows the id. We ask it
 * ({@code GET /plugins} on {@code DOCKER_HOST}, default {@code unix:///var/run/docker.sock}) and
 * build the socket path ourselves under the sockets folder, so the name never becomes a path.
 */
public final class DockerEngineLocator implements ManagedPluginLocator {
  public static final URI DEFAULT_ENGINE = URI.create("unix:///var/run/docker.sock");

  private final URI engine;
  private final Duration timeout;

  public DockerEngineLocator(URI engine, Duration timeout) {
    this.engine = engine;
    this.timeout = timeout;
  }

  record EnginePlugin(
      @JsonProperty("Id") String id,
      @JsonProperty("Name") String name,
      @JsonProperty("Enabled") boolean enabled,
      @JsonProperty("Config") Config config) {}

  record Config(@JsonProperty("Interface") Interface iface) {}

  record Interface(@JsonProperty("Socket") String socket, @JsonProperty("Types") List<Type> types) {}

  record Type(@JsonProperty("Capability") String capability) {}

  @Override
  public PluginAddress find(String name, Path socketsDir) throws PluginException {
    String wanted = withTag(name);
    for (EnginePlugin p : list(name)) {
      if (p.name() == null || !withTag(p.name()).equals(wanted)) {
        continue;
      }
      if (!p.enabled()) {
        throw new PluginException(Kind.NOT_FOUND,
            "managed plugin '" + name + "' is installed but disabled (docker plugin enable " + name + ")");
      }
      String socket = p.config() == null || p.config().iface() == null ? null : p.config().iface().socket();
      if (p.id() == null || !p.id().matches("[0-9a-f]{12,128}") || socket == null
          || !socket.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
        throw new PluginException(Kind.INVALID_SPEC,
            "the Docker engine describes managed plugin '" + name + "' with an unusable id or socket");
      }
      Path path = socketsDir.resolve(p.id()).resolve(socket);
      return new PluginAddress(name, URI.create("unix://" + path.toAbsolutePath()), null, path);
    }
    throw new PluginException(Kind.NOT_FOUND,
        "no managed plugin named '" + name + "' is installed in the Docker engine at " + engine);
  }

  private List<EnginePlugin> list(String name) throws PluginException {
    PluginAddress engineAddress;
    try {
      engineAddress = new PluginAddress("docker", engine, null, null);
    } catch (IllegalArgumentException e) {
      throw new PluginException(Kind.NOT_FOUND, "DOCKER_HOST '" + engine + "' is not a unix:// or tcp:// address");
    }
    OkHttpClient http = HttpClients.forAddress(engineAddress, timeout);
    Request request =
        new Request.Builder()
            .url(HttpClients.baseUrl(engineAddress).newBuilder().addPathSegment("plugins").build())
            .get()
            .build();
    try (Response response = http.newBuilder().callTimeout(timeout).build().newCall(request).execute()) {
      if (response.code() != 200) {
        throw new PluginException(Kind.NOT_FOUND, response.code(),
            "cannot look up managed plugin '" + name + "': the Docker engine at " + engine
                + " answered GET /plugins with HTTP " + response.code(), null);
      }
      List<EnginePlugin> plugins =
          PluginJson.MAPPER.readValue(response.body().byteStream(), new TypeReference<List<EnginePlugin>>() {});
      return plugins == null ? List.of() : plugins;
    } catch (PluginException e) {
      throw e;
    } catch (IOException e) {
      throw new PluginException(Kind.NOT_FOUND, 0,
          "cannot look up managed plugin '" + name + "': the Docker engine at " + engine
              + " is not reachable (" + e.getMessage() + "); managed plugins are found through it", e);
    }
  }

  /** Docker's reference form: a missing tag means {@code latest}; the default registry is implied. */
  static String withTag(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("docker.io/")) {
      n = n.substring("docker.io/".length());
    }
    if (n.startsWith("library/")) {
      n = n.substring("library/".length());
    }
    int slash = n.lastIndexOf('/');
    return n.indexOf(':', slash + 1) >= 0 ? n : n + ":latest";
  }
}
