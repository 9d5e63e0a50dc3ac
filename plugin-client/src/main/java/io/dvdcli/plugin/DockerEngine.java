package io.dvdcli.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.plugin.transport.AnswerText;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import io.dvdcli.plugin.transport.Transport;
import io.dvdcli.untrusted.UntrustedText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two questions dvdcli asks the Docker engine ({@code DOCKER_HOST}, default
 * {@code unix:///var/run/docker.sock}): which managed plugins are installed ({@code GET /plugins})
 * and where its data lives ({@code GET /info}, {@code DockerRootDir}). Only the fields dvdcli needs
 * are read; the engine sends many more and adds some in every release. The failures are told
 * apart because they call for different things: no engine ({@link Kind#UNREACHABLE}, worth a
 * retry: the engine may be restarting), an engine that refuses ({@link Kind#REFUSED}) and an
 * answer that is not what the engine sends ({@link Kind#BAD_ANSWER}); each is one line.
 */
public final class DockerEngine {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  /** An engine with thousands of plugins stays far below this. */
  private static final long MAX_ANSWER_BYTES = 16L << 20;

  private final String host;
  private final Duration timeout;

  /** The engine at {@code host} ({@code unix:///path} or {@code tcp://host:port}), checked when first asked. */
  public DockerEngine(String host, Duration timeout) {
    this.host = host;
    this.timeout = timeout;
  }

  public String host() {
    return host;
  }

  /** Every managed plugin the engine has, enabled or not. */
  public List<ManagedPlugin> plugins() throws PluginException {
    JsonNode answer = get("plugins");
    if (!answer.isArray()) {
      throw badAnswer("plugins", "not a JSON array");
    }
    List<ManagedPlugin> out = new ArrayList<>();
    for (JsonNode p : answer) {
      JsonNode config = p.path("Config");
      JsonNode iface = config.path("Interface");
      List<String> types = new ArrayList<>();
      for (JsonNode t : iface.path("Types")) {
        // The engine writes each type as one string, "docker.volumedriver/1.0" (moby
        // api/types/plugin_interface_type.go marshals it so); older clients' object form is read too.
        types.add(t.isTextual() ? t.asText()
            : t.path("Prefix").asText("") + "." + t.path("Capability").asText("") + "/" + t.path("Version").asText(""));
      }
      out.add(new ManagedPlugin(text(p, "Id"), text(p, "Name"), p.path("Enabled").asBoolean(false),
          text(iface, "Socket"), text(config, "PropagatedMount"), types));
    }
    return out;
  }

  /** The engine's data folder, under which managed plugins keep their root file systems. */
  public Path rootDir() throws PluginException {
    String dir = text(get("info"), "DockerRootDir");
    try {
      if (dir != null && Path.of(dir).isAbsolute()) {
        return Path.of(dir);
      }
    } catch (InvalidPathException e) {
      // reported below
    }
    throw badAnswer("info", "no absolute DockerRootDir");
  }

  private JsonNode get(String path) throws PluginException {
    PluginAddress address;
    try {
      address = new PluginAddress("docker", URI.create(host), null, null);
    } catch (IllegalArgumentException e) {
      throw new PluginException(Kind.INVALID_SPEC,
          "DOCKER_HOST='" + UntrustedText.summarised(host) + "' is not a unix:// or tcp:// address");
    }
    Transport.Answer answer;
    try {
      answer = Transport.forAddress(address, timeout).get(path, timeout, MAX_ANSWER_BYTES);
    } catch (Transport.AnswerTooLargeException e) {
      throw badAnswer(path, "more than " + MAX_ANSWER_BYTES + " bytes");
    } catch (InterruptedIOException e) {
      throw new PluginException(Kind.UNREACHABLE, 0, "the Docker engine at " + host + " did not answer GET /" + path
          + " within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new PluginException(Kind.UNREACHABLE, 0, "no Docker engine answers at " + host + " ("
          + UntrustedText.summarised(String.valueOf(rootCause(e).getMessage()))
          + "); managed plugins are found through it (DOCKER_HOST)", e);
    }
    int code = answer.code();
    byte[] body = answer.body();
    if (code != 200) {
      throw new PluginException(Kind.REFUSED, code, "the Docker engine at " + host + " answered GET /" + path
          + " with HTTP " + code + ": " + engineMessage(body), null);
    }
    try {
      JsonNode node = PluginJson.MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw badAnswer(path, AnswerText.describeBody(body));
      }
      return node;
    } catch (IOException e) {
      throw badAnswer(path, AnswerText.describeBody(body));
    }
  }

  private PluginException badAnswer(String path, String what) {
    return new PluginException(Kind.BAD_ANSWER, 200, "the Docker engine at " + host + " answered GET /" + path
        + " with something that is not the expected JSON (" + what + ")", null);
  }

  /** The engine's errors are {@code {"message": "..."}}; anything else is shown as text. */
  private static String engineMessage(byte[] body) {
    try {
      JsonNode node = PluginJson.MAPPER.readTree(body);
      if (node != null && node.path("message").isTextual()) {
        return UntrustedText.summarised(node.path("message").asText());
      }
    } catch (IOException notJson) {
      // shown as text below
    }
    return AnswerText.describeBody(body);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.asText() : null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
