package io.dvdcli.commands;

import io.dvdcli.cli.ProjectVersion;
import io.dvdcli.cli.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/** The root command; it holds what the subcommands share: the environment and stdout. */
@Command(
    name = "dvdcli",
    description = "Docker volume driver CLI: mounts volumes of any Docker volume plugin for Apache Mesos.",
    mixinStandardHelpOptions = true,
    // Every subcommand inherits -h/--help (and -V/--version): each usage error points to
    // 'dvdcli COMMAND --help'. The agent's fast path (AgentArgv) leaves a help flag to picocli.
    scope = ScopeType.INHERIT,
    versionProvider = DvdcliCommand.Version.class,
    subcommands = {
      MountCommand.class,
      UnmountCommand.class,
      CreateCommand.class,
      RemoveCommand.class,
      PathCommand.class,
      GetCommand.class,
      ListCommand.class,
      CapabilitiesCommand.class,
      FlexvolumeCommand.class,
      PluginsCommand.class,
      VersionCommand.class,
      HelpCommand.class
    })
public final class DvdcliCommand implements Runnable {
  private final Map<String, String> env;
  private final PrintWriter out;
  private final PrintStream err;

  public DvdcliCommand(Map<String, String> env, PrintWriter out, PrintStream err) {
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
  }

  /**
   * picocli's model of dvdcli's command line, parsed as production parses it (Main adds only where
   * output goes and how failures end); parse tests start from here too.
   */
  public static CommandLine commandLine(DvdcliCommand root) {
    return new CommandLine(root)
        .setOptionsCaseInsensitive(true)
        .setSubcommandsCaseInsensitive(true)
        // An argument starting with '@' is data (a volume name), never a file to read arguments from.
        .setExpandAtFiles(false);
  }

  /** Where diagnostics and warnings go: never stdout. */
  public PrintStream err() {
    return err;
  }

  public Map<String, String> env() {
    return env;
  }

  public PrintWriter out() {
    return out;
  }

  @Override
  public void run() {
    // A plain UsageException (same line, same exit code as picocli's ParameterException): a
    // picocli exception type here would be loaded from the jar on every call, fast path included.
    throw new UsageException(
        "missing command (mount, unmount, create, remove, path, get, list, capabilities, plugins, flexvolume, version, help)");
  }

  public static List<String> versionLines() {
    return List.of(
        "dvdcli " + ProjectVersion.get(),
        "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
  }


  /** For {@code --version}. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return versionLines().toArray(new String[0]);
    }
  }
}
