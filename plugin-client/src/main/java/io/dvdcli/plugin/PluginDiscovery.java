package io.dvdcli.plugin;

import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a plugin by name the way Docker does (moby {@code pkg/plugins/discovery.go}), first match
 * wins: {@code <sockets>/NAME.sock}, {@code <sockets>/NAME/NAME.sock} (real sockets only), then in
 * each spec folder {@code NAME.spec}, {@code NAME/NAME.spec}, {@code NAME.json},
 * {@code NAME/NAME.json}. A spec file that is found but unusable is an error, not a miss. Managed
 * (v2) plugins, named {@code repo/name[:tag]}, are asked of the Docker engine, and their sockets
 * are where the engine puts them, not in {@code socketsDir}.
 */
public final class PluginDiscovery {
  public static final Path DEFAULT_SOCKETS_DIR = Path.of("/run/docker/plugins");
  public static final List<Path> DEFAULT_SPECS_DIRS =
      List.of(Path.of("/etc/docker/plugins"), Path.of("/usr/lib/docker/plugins"));

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;

  private final Path socketsDir;
  private final List<Path> specsDirs;
  private final ManagedPluginLocator managed;

  public PluginDiscovery(Path socketsDir, List<Path> specsDirs, ManagedPluginLocator managed) {
    this.socketsDir = socketsDir;
    this.specsDirs = List.copyOf(specsDirs);
    this.managed = managed;
  }

  public Path socketsDir() {
    return socketsDir;
  }

  public List<Path> specsDirs() {
    return specsDirs;
  }

  /** The plugin's address; {@code NOT_FOUND} when no location names it. */
  public PluginAddress find(String name) throws PluginException {
    PluginName.validate(name);
    if (PluginName.isManaged(name)) {
      return managed.find(name);
    }
    for (Path candidate : candidates(socketsDir, name, ".sock")) {
      if (isSocket(candidate)) {
        return new PluginAddress(name, URI.create("unix://" + candidate.toAbsolutePath()), null, candidate);
      }
    }
    for (Path dir : specsDirs) {
      for (String ext : List.of(".spec", ".json")) {
        for (Path candidate : candidates(dir, name, ext)) {
          if (Files.isRegularFile(candidate)) {
            return SpecFileReader.read(name, candidate);
          }
        }
      }
    }
    throw new PluginException(
        PluginException.Kind.NOT_FOUND,
        "no plugin named '" + name + "': no socket " + socketsDir.resolve(name + ".sock")
            + " (or " + socketsDir.resolve(name).resolve(name + ".sock") + ") and no "
            + name + ".spec/.json in " + specsDirs);
  }

  /** One entry per plugin name found in any location, in look-up order; the first one wins. */
  public List<Found> scan() {
    Map<String, Found> byName = new LinkedHashMap<>();
    for (Path sock : listWithNested(socketsDir, ".sock")) {
      if (isSocket(sock)) {
        String name = baseName(sock, ".sock");
        byName.putIfAbsent(name, new Found(name, Optional.of(
            new PluginAddress(name, URI.create("unix://" + sock.toAbsolutePath()), null, sock)), Optional.empty(), sock));
      }
    }
    for (Path dir : specsDirs) {
      for (String ext : List.of(".spec", ".json")) {
        for (Path spec : listWithNested(dir, ext)) {
          String name = baseName(spec, ext);
          if (!byName.containsKey(name)) {
            try {
              byName.put(name, new Found(name, Optional.of(SpecFileReader.read(name, spec)), Optional.empty(), spec));
            } catch (PluginException e) {
              byName.put(name, new Found(name, Optional.empty(), Optional.of(e.getMessage()), spec));
            }
          }
        }
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** Every managed plugin the Docker engine has; the engine's own failure is thrown. */
  public List<Found> scanManaged() throws PluginException {
    return managed.scan();
  }

  /** A scan result: the address, or why the file that names the plugin cannot be used. */
  public record Found(String name, Optional<PluginAddress> address, Optional<String> problem, Path file) {}

  private static List<Path> candidates(Path base, String name, String ext) {
    return List.of(base.resolve(name + ext), base.resolve(name).resolve(name + ext));
  }

  private static List<Path> listWithNested(Path dir, String ext) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String file = entry.getFileName().toString();
        if (file.endsWith(ext) && file.length() > ext.length()) {
          out.add(entry);
        } else if (Files.isDirectory(entry)) {
          Path nested = entry.resolve(file + ext);
          if (Files.exists(nested, LinkOption.NOFOLLOW_LINKS) || Files.exists(nested)) {
            out.add(nested);
          }
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  private static String baseName(Path file, String ext) {
    String f = file.getFileName().toString();
    return f.substring(0, f.length() - ext.length());
  }

  static boolean isSocket(Path p) {
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode");
      return (mode & S_IFMT) == S_IFSOCK;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
