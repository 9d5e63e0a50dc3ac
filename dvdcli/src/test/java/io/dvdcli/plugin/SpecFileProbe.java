package io.dvdcli.plugin;

import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import java.nio.file.Path;

/** Opens the package-private spec file reader to the fuzz tests in {@code io.dvdcli.hostile}. */
public final class SpecFileProbe {
  private SpecFileProbe() {}

  public static PluginAddress read(String name, Path file) throws PluginException {
    return SpecFileReader.read(name, file);
  }
}
