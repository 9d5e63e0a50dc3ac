package io.dvdcli.packaging;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step: writes, from the commands' own picocli models, an AsciiDoc man page per command and
 * subcommand (asciidoctor renders them to roff next) and a bash completion script per command.
 * Generated, so a new option or subcommand (e.g. Flexvolume's) is documented and completed with
 * no edit here.
 *
 * <p>{@code Documentation ADOC-DIR COMPLETION-DIR VERSION}: the man pages go to
 * {@code ADOC-DIR/<package>/}, one folder per package that installs them.
 */
public final class Documentation {
  private Documentation() {}

  /** One command as a package installs it. */
  record Installed(String packageName, String commandName, int section, Supplier<Object> command, boolean completion) {
    /**
     * The folder of its pages under adoc/, man/ and man-gz/: asciidoctor renders a folder into one
     * section, so a package's section-1 pages share the package's name and any other command's
     * pages have their own (the command's name).
     */
    String pagesDir() {
      return section == 1 ? packageName : commandName;
    }
  }

  static final List<Installed> COMMANDS = List.of(
      new Installed("dvdcli", "dvdcli", 1,
          () -> new io.dvdcli.commands.DvdcliCommand(Map.of(), new PrintWriter(Writer.nullWriter()), System.err), true),
      new Installed("dvdcli", "isolator-shim", 1, () -> shimCommand(), true),
      // A server (a DaemonSet's container runs it): section 8; an operator runs it by hand too.
      new Installed("dvdcli-csi", "dvdcli-csi", 8, () -> csiCommand(), true),
      // A daemon in /usr/sbin run by its unit: section 8, no completion.
      new Installed("dvdcli-local-volume-plugin", "dvdcli-local-volume-plugin", 8,
          io.dvdcli.localplugin.Main::new, false));

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: Documentation ADOC-DIR COMPLETION-DIR VERSION");
    }
    Path adoc = Path.of(args[0]);
    Path completion = Path.of(args[1]);
    String version = args[2];
    Files.createDirectories(completion);
    for (Installed command : COMMANDS) {
      CommandLine cli = model(command, version);
      Path dir = Files.createDirectories(adoc.resolve(command.pagesDir()));
      // No templates, quiet, overwrite: one page per command and subcommand.
      int code = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, cli.getCommandSpec());
      if (code != 0) {
        throw new IOException("Failed to generate the man pages of '" + command.commandName() + "': code " + code);
      }
      if (command.section() != 1) {
        inSection(dir, command.section());
      }
      if (command.completion()) {
        // Sourced by bash-completion, never run: no "#!" line (Debian's lintian insists).
        String script = AutoComplete.bash(command.commandName(), cli).replaceFirst("\\A#![^\n]*\n", "");
        Files.writeString(completion.resolve(command.commandName()), script, StandardCharsets.UTF_8);
      }
    }
  }

  /** picocli titles every page "= name(1)"; a system command's pages belong in another section. */
  private static void inSection(Path dir, int section) throws IOException {
    try (Stream<Path> pages = Files.list(dir)) {
      for (Path page : pages.toList()) {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        Files.writeString(page, text.replaceFirst("(?m)^(= [^\\n(]+)\\(1\\)$", "$1(" + section + ")"), StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * The command's model as installed: its installed name and the package's version (the models'
   * own version strings are for {@code --version}). The commands are only read, never run.
   */
  static CommandLine model(Installed command, String version) {
    CommandLine cli = new CommandLine(command.command().get());
    cli.getCommandSpec().name(command.commandName());
    // One synopsis line: roff fills the text itself, and picocli's own wrapping at 80 columns can
    // break inside an option's label (--tcp=127.0.0.1:PORT), which AsciiDoc then renders garbled.
    withWidth(cli, 1000);
    withVersion(cli, command.commandName() + " " + version);
    return cli;
  }

  private static void withWidth(CommandLine cli, int width) {
    cli.getCommandSpec().usageMessage().width(width);
    cli.getSubcommands().values().forEach(sub -> withWidth(sub, width));
  }

  /** Each page's footer names the package version, subcommands' pages too. */
  private static void withVersion(CommandLine cli, String version) {
    cli.getCommandSpec().version(version);
    cli.getSubcommands().values().forEach(sub -> withVersion(sub, version));
  }

  /**
   * The shim's root command takes its environment and streams in a package-private constructor
   * (only its Main makes one); the model needs an instance because subcommands point back to it.
   */
  private static Object shimCommand() {
    try {
      Constructor<io.dvdcli.shim.cli.ShimCommand> constructor = io.dvdcli.shim.cli.ShimCommand.class
          .getDeclaredConstructor(Map.class, PrintStream.class, PrintStream.class);
      constructor.setAccessible(true);
      return constructor.newInstance(Map.of(), System.err, System.err);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Failed to create isolator-shim's command model: " + e, e);
    }
  }

  /**
   * dvdcli-csi's command takes its environment, stderr and stop latch in a package-private
   * constructor (only its main makes one); the model is only read, never run.
   */
  private static Object csiCommand() {
    try {
      Constructor<io.dvdcli.csi.CsiMain> constructor = io.dvdcli.csi.CsiMain.class
          .getDeclaredConstructor(Map.class, PrintStream.class, CountDownLatch.class);
      constructor.setAccessible(true);
      return constructor.newInstance(Map.of(), System.err, new CountDownLatch(1));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Failed to create dvdcli-csi's command model: " + e, e);
    }
  }

  /** For tests: every installed command's model. */
  static List<CommandLine> models(String version) {
    return COMMANDS.stream().map(c -> model(c, version)).toList();
  }
}
