package io.dvdcli.commands;

import io.dvdcli.cli.UsageException;
import io.dvdcli.log.Diagnostics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * Reads every value a parsed volume command would use, as the command does (the getters validate),
 * for the fuzz tests in {@code io.dvdcli.hostile}.
 */
public final class VolumeFlagsProbe {
  private static final Diagnostics QUIET = new Diagnostics(new PrintStream(new ByteArrayOutputStream()), false);

  private VolumeFlagsProbe() {}

  /** Throws UsageException for a bad value, as the command would. */
  public static void readAll(ParseResult parsed) {
    if (!parsed.hasSubcommand()) {
      return;
    }
    Object command = parsed.subcommand().commandSpec().userObject();
    if (command instanceof VolumeCommand v) {
      v.volume.args().driver();
      v.volume.args().options(QUIET);
      v.volume.args().explicitCreate();
      if (!(command instanceof ListCommand) && !(command instanceof CapabilitiesCommand)) {
        v.volume.args().name();
      }
    }
    if (command instanceof MountCommand m) {
      m.mountId.resolve(Map.of("DVDCLI_STATE_DIR", "/nonexistent"), m.volume.args().driver());
    }
    if (command instanceof UnmountCommand u) {
      u.mountId.resolve(Map.of("DVDCLI_STATE_DIR", "/nonexistent"), u.volume.args().driver());
    }
  }
}
