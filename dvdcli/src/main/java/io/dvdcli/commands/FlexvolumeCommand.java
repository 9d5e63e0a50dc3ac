package io.dvdcli.commands;

import io.dvdcli.cli.UsageException;
import io.dvdcli.flexvolume.DriverName;
import io.dvdcli.flexvolume.DriverStatus;
import io.dvdcli.flexvolume.FlexvolumeDriver;
import io.dvdcli.flexvolume.Installer;
import io.dvdcli.flexvolume.MountRecords;
import io.dvdcli.flexvolume.PauseSeam;
import io.dvdcli.plugin.PluginName;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.volume.VolumeService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dvdcli flexvolume}: dvdcli as a Kubernetes Flexvolume driver for a Docker volume plugin. */
@Command(
    name = "flexvolume",
    description = "Kubernetes Flexvolume driver for a Docker volume plugin (install, uninstall; call is what kubelet runs).",
    subcommands = {FlexvolumeCommand.Install.class, FlexvolumeCommand.Uninstall.class, FlexvolumeCommand.Call.class})
public final class FlexvolumeCommand implements Runnable {
  static final String STATE_DIR_VARIABLE = "DVDCLI_FLEXVOLUME_STATE_DIR";

  @ParentCommand
  DvdcliCommand root;

  @Override
  public void run() {
    throw new UsageException("missing subcommand (install, uninstall, call)");
  }

  /** Where the driver goes, shared by install and uninstall. */
  static final class Placement {
    @Option(names = "--volumedriver", paramLabel = "PLUGIN", required = true,
        description = "The Docker volume plugin (a managed one as org/name[:tag]).")
    String plugin;

    @Option(names = "--plugin-dir", paramLabel = "DIR",
        description = "kubelet's Flexvolume folder (default /usr/libexec/kubernetes/kubelet-plugins/volume/exec).")
    Path pluginDir = Installer.DEFAULT_PLUGIN_DIR;

    @Option(names = "--driver-name", paramLabel = "NAME",
        description = "Name pods use as flexVolume.driver: dvdcli/NAME (default: the plugin's name, '/' and ':' as '-', no ':latest').")
    String driverName;

    String plugin() {
      try {
        return PluginName.validate(plugin);
      } catch (PluginException e) {
        throw new UsageException(e.getMessage());
      }
    }

    String driverName() {
      try {
        return DriverName.requireValid(driverName != null ? driverName : DriverName.forPlugin(plugin()));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  @Command(name = "install", description = "Write <plugin-dir>/dvdcli~NAME/NAME, the executable kubelet runs; prints its path.")
  static final class Install implements Callable<Integer> {
    @ParentCommand
    FlexvolumeCommand parent;

    @Mixin
    Placement placement = new Placement();

    @Option(names = "--dvdcli", paramLabel = "PATH",
        description = "The dvdcli launcher the driver runs (default: dvdcli on PATH, made absolute).")
    Path dvdcli;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "Where the driver records its mounts (default /var/lib/dvdcli/flexvolume).")
    Path stateDir = MountRecords.DEFAULT_DIR;

    @Override
    public Integer call() throws IOException {
      String plugin = placement.plugin();
      String name = placement.driverName();
      Path launcher = launcher();
      Path executable = new Installer(placement.pluginDir.toAbsolutePath()).install(plugin, name, launcher, stateDir.toAbsolutePath());
      parent.root.out().println(executable);
      parent.root.out().flush();
      return 0;
    }

    private Path launcher() {
      if (dvdcli != null) {
        if (!Files.isExecutable(dvdcli)) {
          throw new UsageException("--dvdcli " + dvdcli + " is not an executable file");
        }
        return dvdcli.toAbsolutePath().normalize();
      }
      for (String dir : parent.root.env().getOrDefault("PATH", "").split(":")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "dvdcli");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toAbsolutePath().normalize();
        }
      }
      throw new UsageException("no dvdcli on PATH: give the launcher's path with --dvdcli PATH");
    }
  }

  @Command(name = "uninstall", description = "Remove the driver installed for a plugin.")
  static final class Uninstall implements Callable<Integer> {
    @ParentCommand
    FlexvolumeCommand parent;

    @Mixin
    Placement placement = new Placement();

    @Override
    public Integer call() throws IOException {
      String name = placement.driverName();
      if (!new Installer(placement.pluginDir).uninstall(name)) {
        parent.root.err().println("dvdcli: warning: no driver 'dvdcli/" + name + "' in " + placement.pluginDir);
      }
      return 0;
    }
  }

  /**
   * What the installed executable runs: kubelet's argv after {@code --}. Prints exactly one JSON
   * answer and nothing else (diagnostics are not printed: secrets may be among the options).
   */
  @Command(name = "call", description = "Answer one kubelet driver call (init, mount DIR JSON, unmount DIR) with one JSON value.")
  static final class Call implements Callable<Integer> {
    @ParentCommand
    FlexvolumeCommand parent;

    @Option(names = "--volumedriver", paramLabel = "PLUGIN", required = true, description = "The Docker volume plugin.")
    String plugin;

    @Mixin
    ConnectionFlags connection = new ConnectionFlags();

    @Parameters(paramLabel = "ARG", description = "kubelet's arguments, after --.")
    List<String> argv = new ArrayList<>();

    @Override
    public Integer call() {
      DriverStatus answer;
      try {
        answer = driver().call(argv);
      } catch (RuntimeException | Error e) {
        answer = DriverStatus.failure("dvdcli internal error: " + e + " (please report it)");
      }
      parent.root.out().print(answer.toJson());
      parent.root.out().print('\n');
      parent.root.out().flush();
      return answer.exitCode();
    }

    private FlexvolumeDriver driver() {
      Map<String, String> env = parent.root.env();
      String state = env.get(STATE_DIR_VARIABLE);
      Path stateDir = state == null || state.isBlank() ? MountRecords.DEFAULT_DIR : Path.of(state);
      // kubelet allows any time; the Mesos agent's limits do not apply. Unmount gets more: real
      // detaches take minutes, and a pod cannot leave until it is done.
      Duration limit = !argv.isEmpty() && argv.get(0).equals("unmount") ? Duration.ofSeconds(300) : Duration.ofSeconds(110);
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      FlexvolumeDriver.PluginConnector connector = name -> {
        try {
          ConnectionFlags.Session session = connection.connect(name, env, quiet, limit);
          session.driver().activate();
          return new VolumeService(session.driver(), session.log());
        } catch (UsageException e) {
          throw new PluginException(PluginException.Kind.INVALID_SPEC, e.getMessage());
        }
      };
      return FlexvolumeDriver.onThisHost(plugin, connector, stateDir, PauseSeam.fromEnvironment(env));
    }
  }
}
