package io.dvdcli.commands;

import io.dvdcli.cli.UsageException;
import io.dvdcli.log.Diagnostics;
import io.dvdcli.untrusted.UntrustedText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The volume flags of one command line, as given: the one model both readers fill, picocli (through
 * {@link VolumeFlags}) and the agent's fast path ({@link AgentArgv}), so that the two cannot read a
 * line differently after parsing. Each value is checked when a command asks for it (list needs no
 * name), and a missing or unusable one is a {@link UsageException}.
 */
public record VolumeArgs(String givenDriver, String givenName, List<VolumeOption> givenOptions, boolean explicitCreate) {
  private static final Pattern COMMA_LIST = Pattern.compile(",[A-Za-z][A-Za-z0-9_.-]*=");

  public VolumeArgs {
    givenOptions = List.copyOf(givenOptions);
  }

  public String driver() {
    String driver = givenDriver;
    if (driver == null || driver.isBlank()) {
      throw new UsageException("missing --volumedriver=DRIVER");
    }
    // Checked here, not only by plugin-name validation: error lines quote the driver as given.
    if (UntrustedText.hasControlCharacter(driver)) {
      throw new UsageException("--volumedriver contains a control character");
    }
    return driver;
  }

  public String name() {
    String name = givenName;
    if (name == null || name.isEmpty()) {
      throw new UsageException("missing --volumename=NAME");
    }
    if (UntrustedText.hasControlCharacter(name)) {
      throw new UsageException("--volumename contains a control character");
    }
    requireDecoded("--volumename", name);
    return name;
  }


  /**
   * The JVM decodes argv in the locale's charset and turns bytes it cannot decode into U+FFFD (under
   * a POSIX locale, any non-ASCII name): the text is no longer what the caller sent, so acting on it
   * would create or mount another volume.
   */
  private void requireDecoded(String flag, String value) {
    if (value.indexOf('\uFFFD') >= 0) {
      throw new UsageException(flag + " holds bytes that are not text in this locale ("
          + System.getProperty("sun.jnu.encoding") + "); run dvdcli under a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
    }
  }

  /** The options in the order given; the same key twice with different values is ambiguous. */
  public Map<String, String> options(Diagnostics log) {
    Map<String, String> out = new LinkedHashMap<>();
    for (VolumeOption o : givenOptions) {
      requireDecoded("--volumeopts", o.key() + "=" + o.value());
      String previous = out.put(o.key(), o.value());
      if (previous != null && !previous.equals(o.value())) {
        throw new UsageException("--volumeopts key '" + o.key() + "' is given twice with different values");
      }
      if (COMMA_LIST.matcher(o.value()).find()) {
        log.warn("--volumeopts " + o.key() + "=... keeps its ',KEY=' parts in the value: dvdcli never"
            + " splits on commas; if they were meant as separate options, pass one --volumeopts each");
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
