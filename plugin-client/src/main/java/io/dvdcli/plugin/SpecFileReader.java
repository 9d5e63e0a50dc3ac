package io.dvdcli.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.TlsConfig;
import io.dvdcli.untrusted.UntrustedText;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the two spec file forms Docker reads (moby {@code pkg/plugins/discovery.go}): a
 * {@code .spec} holding one URL, and a {@code .json} holding {@code Name}, {@code Addr} and an
 * optional {@code TLSConfig}. A {@code tcp://} address with a TLS config means https, as in Docker.
 */
final class SpecFileReader {
  private static final long MAX_SPEC_BYTES = 64 * 1024;

  private SpecFileReader() {}

  /** The JSON form, with Go's field names (matched case-insensitively). */
  record JsonSpec(
      @JsonProperty("Name") String name,
      @JsonProperty("Addr") String addr,
      @JsonProperty("TLSConfig") JsonTls tlsConfig) {}

  record JsonTls(
      @JsonProperty("InsecureSkipVerify") boolean insecureSkipVerify,
      @JsonProperty("CAFile") String caFile,
      @JsonProperty("CertFile") String certFile,
      @JsonProperty("KeyFile") String keyFile) {}

  static PluginAddress read(String name, Path file) throws PluginException {
    String text = readSmallFile(file);
    if (file.getFileName().toString().endsWith(".json")) {
      return fromJson(name, file, text);
    }
    return new PluginAddress(name, parseAddress(file, text.trim()), TlsConfig.NONE, file);
  }

  private static PluginAddress fromJson(String name, Path file, String text) throws PluginException {
    JsonSpec spec;
    try {
      spec = PluginJson.MAPPER.readValue(text, JsonSpec.class);
    } catch (JsonProcessingException e) {
      throw invalid(file, "not valid JSON (" + UntrustedText.quoted(e.getOriginalMessage()) + ")");
    }
    if (spec == null || spec.addr() == null || spec.addr().isBlank()) {
      throw invalid(file, "it has no \"Addr\"");
    }
    URI uri = parseAddress(file, spec.addr().trim());
    TlsConfig tls = TlsConfig.NONE;
    if (spec.tlsConfig() != null) {
      JsonTls t = spec.tlsConfig();
      try {
        tls = new TlsConfig(t.insecureSkipVerify(), path(t.caFile()), path(t.certFile()), path(t.keyFile()));
      } catch (IllegalArgumentException e) {
        throw invalid(file, UntrustedText.quoted(e.getMessage()));
      }
      if ("tcp".equalsIgnoreCase(uri.getScheme())) {
        uri = URI.create("https" + uri.toString().substring(3));
      }
    }
    return new PluginAddress(name, uri, tls, file);
  }

  private static Path path(String s) {
    return s == null || s.isBlank() ? null : Path.of(s);
  }

  private static URI parseAddress(Path file, String address) throws PluginException {
    URI uri;
    if (!address.contains("://")) {
      // Docker: "Unknown protocol" for an address without a scheme.
      throw invalid(file, "address '" + UntrustedText.quoted(address)
          + "' has no scheme (expected unix://, tcp:// or https://)");
    }
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      throw invalid(file, "'" + UntrustedText.quoted(address) + "' is not a URL");
    }
    try {
      PluginAddress probe = new PluginAddress("probe", uri, TlsConfig.NONE, file);
      if (probe.isUnixSocket() && (uri.getPath() == null || uri.getPath().isEmpty())) {
        throw invalid(file, "UNIX address '" + UntrustedText.quoted(address) + "' has no socket path");
      }
      if (!probe.isUnixSocket() && (uri.getHost() == null || uri.getPort() < 0)) {
        throw invalid(file, "address '" + UntrustedText.quoted(address) + "' needs a host and a port");
      }
    } catch (IllegalArgumentException e) {
      throw invalid(file, "address '" + UntrustedText.quoted(address)
          + "' has an unsupported scheme (expected unix://, tcp:// or https://)");
    }
    return uri;
  }

  private static String readSmallFile(Path file) throws PluginException {
    try {
      if (Files.size(file) > MAX_SPEC_BYTES) {
        throw invalid(file, "it is larger than " + MAX_SPEC_BYTES + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw invalid(file, "cannot read it (" + e.getMessage() + ")");
    }
  }

  private static PluginException invalid(Path file, String why) {
    return new PluginException(
        PluginException.Kind.INVALID_SPEC, "plugin spec file " + file + " is unusable: " + why);
  }
}
