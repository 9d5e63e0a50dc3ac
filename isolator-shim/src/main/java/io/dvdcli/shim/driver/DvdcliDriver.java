package io.dvdcli.shim.driver;

import io.dvdcli.shim.state.DockerVolume;
import io.dvdcli.untrusted.UntrustedText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process boundary to dvdcli, as the agent's {@code DriverClient}: the same argv, stdin
 * /dev/null, stdout (trimmed) is the mount path, stderr explains a failure, and a call that outlives
 * its time limit (120 s mount, 10 min unmount by default) is killed with its whole process tree.
 */
public final class DvdcliDriver implements DvdcliCalls {
  /** dvdcli's last line quotes a plugin's message (cut at 300 characters) after its own words. */
  private static final int DVDCLI_LINE_LIMIT = 600;

  public static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration UNMOUNT_TIMEOUT = Duration.ofMinutes(10);

  private final Path dvdcli;
  private final Duration mountTimeout;
  private final Duration unmountTimeout;
  private final ProcessRunner runner;

  public DvdcliDriver(Path dvdcli, Duration mountTimeout, Duration unmountTimeout, ProcessRunner runner) {
    this.dvdcli = dvdcli;
    this.mountTimeout = mountTimeout;
    this.unmountTimeout = unmountTimeout;
    this.runner = runner;
  }

  /** {@code dvdcli mount --volumedriver=D --volumename=N [--volumeopts=K=V ...] [--explicitcreate]}. */
  public static List<String> mountArgv(
      Path dvdcli, DockerVolume volume, Map<String, String> options, boolean explicitCreate) {
    List<String> argv = new ArrayList<>(List.of(
        dvdcli.toString(), "mount", "--volumedriver=" + volume.driver(), "--volumename=" + volume.name()));
    options.forEach((key, value) -> argv.add("--volumeopts=" + key + "=" + value));
    if (explicitCreate) {
      argv.add("--explicitcreate");
    }
    return argv;
  }

  /** {@code dvdcli unmount --volumedriver=D --volumename=N}. */
  public static List<String> unmountArgv(Path dvdcli, DockerVolume volume) {
    return List.of(dvdcli.toString(), "unmount", "--volumedriver=" + volume.driver(), "--volumename=" + volume.name());
  }

  @Override
  public String mount(DockerVolume volume, Map<String, String> options, boolean explicitCreate, Started started)
      throws DriverException {
    ProcessRunner.Outcome outcome =
        call("mount", volume, mountArgv(dvdcli, volume, options, explicitCreate), mountTimeout, started);
    String path = outcome.stdout().strip();
    if (path.isEmpty()) {
      throw new DriverException(failure("mount", volume, "dvdcli succeeded but printed no mount path"), false);
    }
    if (path.contains("\n") || !path.startsWith("/")) {
      throw new DriverException(failure("mount", volume,
          "dvdcli printed '" + UntrustedText.quoted(path) + "', which is not one absolute path"), false);
    }
    return path;
  }

  @Override
  public void unmount(DockerVolume volume, Started started) throws DriverException {
    call("unmount", volume, unmountArgv(dvdcli, volume), unmountTimeout, started);
  }

  private ProcessRunner.Outcome call(
      String verb, DockerVolume volume, List<String> argv, Duration timeout, Started started)
      throws DriverException {
    ProcessRunner.Outcome outcome;
    try {
      outcome = runner.run(argv, timeout, started);
    } catch (ProcessRunner.TimedOut e) {
      throw new DriverException(failure(verb, volume, "dvdcli " + e.getMessage()), false, e);
    } catch (IOException e) {
      // Could not start (e.g. no such file): dvdcli never ran, so nothing changed.
      throw new DriverException(failure(verb, volume, "cannot run '" + dvdcli + "': " + e.getMessage()), true, e);
    }
    if (outcome.exitStatus() != 0) {
      throw new DriverException(failure(verb, volume,
          "dvdcli exited with status " + outcome.exitStatus() + lastLine(outcome.stderr())), true);
    }
    return outcome;
  }

  private static String failure(String verb, DockerVolume volume, String cause) {
    return "Failed to " + verb + " volume '" + UntrustedText.quoted(volume.toString()) + "': " + cause;
  }

  private static String lastLine(String stderr) {
    String[] lines = stderr.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    return last.isEmpty() ? "" : ": " + UntrustedText.quoted(last, DVDCLI_LINE_LIMIT);
  }
}
