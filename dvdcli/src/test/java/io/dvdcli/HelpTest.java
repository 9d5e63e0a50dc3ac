package io.dvdcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.commands.AgentArgv;
import io.dvdcli.commands.DvdcliCommand;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every usage error ends "(see 'dvdcli COMMAND --help')": that help exists for every command, on
 * stdout with exit 0, lists every option the command takes, and is the same whichever way it is
 * asked for, including on an agent-shaped command line.
 */
class HelpTest {
  private static final Pattern SEE = Pattern.compile("\\(see '(dvdcli [^']*)'\\)$");

  @TempDir Path tmp;

  private InProcess dvdcli() {
    return new InProcess(tmp, tmp); // nothing there: a command that looked for a plugin would fail
  }

  /** The command model Main runs, for the names and options it holds. */
  private static CommandLine model() {
    return DvdcliCommand.commandLine(new DvdcliCommand(Map.of(), new PrintWriter(new StringWriter()),
        new PrintStream(PrintStream.nullOutputStream())));
  }

  static Stream<Arguments> everyCommandAndHelpFlag() {
    return model().getSubcommands().keySet().stream()
        .flatMap(name -> Stream.of(Arguments.of(name, "--help"), Arguments.of(name, "-h")));
  }

  private static void assertUsage(String command, CommandSpec spec, Dvdcli.Result r) {
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.stderr());
    // picocli's own help command puts its description before the usage line
    assertTrue(("\n" + r.stdout()).contains("\nUsage: dvdcli " + (command.isEmpty() ? "" : command + " ")), r.stdout());
    spec.options().forEach(o -> assertTrue(r.stdout().contains(o.longestName()), o.longestName() + " in " + r.stdout()));
    spec.positionalParameters().forEach(p -> assertTrue(r.stdout().contains(p.paramLabel()), p.paramLabel()));
  }

  @ParameterizedTest(name = "dvdcli {0} {1}")
  @MethodSource("everyCommandAndHelpFlag")
  void everyCommandPrintsItsUsageListingEveryOptionOnStdoutAndExitsZero(String command, String flag) {
    assertUsage(command, model().getSubcommands().get(command).getCommandSpec(), dvdcli().run(command, flag));
  }

  @Test
  void theRootHelpListsEveryCommand() {
    Dvdcli.Result r = dvdcli().run("--help");
    assertUsage("", model().getCommandSpec(), r);
    model().getSubcommands().keySet().forEach(name -> assertTrue(r.stdout().contains("  " + name + " "), name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mount", "unmount", "create", "remove", "path", "get", "list", "capabilities", "plugins", "version"})
  void helpCommandPrintsTheSameUsageAsTheCommandsHelpFlag(String command) {
    Dvdcli.Result viaHelp = dvdcli().run("help", command);
    assertEquals(0, viaHelp.exit(), viaHelp.toString());
    assertEquals(dvdcli().run(command, "--help").stdout(), viaHelp.stdout());
  }

  /** The hint every usage error ends with runs, and prints that command's usage. */
  @ParameterizedTest
  @ValueSource(strings = {"mount", "unmount", "create", "remove", "path", "get", "list", "capabilities", "plugins", "version", ""})
  void theHelpAUsageErrorPointsToExists(String command) {
    Dvdcli.Result error = command.isEmpty() ? dvdcli().run("--no-such-flag") : dvdcli().run(command, "--no-such-flag");
    assertEquals(ExitCodes.USAGE, error.exit(), error.toString());
    Matcher see = SEE.matcher(error.lastStderrLine());
    assertTrue(see.find(), error.lastStderrLine());
    String[] hint = see.group(1).split(" ");
    Dvdcli.Result help = dvdcli().run(Arrays.copyOfRange(hint, 1, hint.length));
    assertEquals(0, help.exit(), help.toString());
    assertTrue(help.stdout().startsWith("Usage: " + see.group(1).replace(" --help", "")), help.stdout());
  }

  /**
   * The agent's fast path leaves a help flag to picocli, so the same line with and without the fast
   * path gives the same usage (and no plugin is asked: there is none here).
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "mount --volumedriver=d --volumename=n --help",
      "mount --volumedriver=d --volumename=n -h",
      "mount --help --volumedriver=d --volumename=n",
      "unmount --volumedriver=d --volumename=n --HELP",
      "unmount --volumedriver=d --volumename=n --volumeopts=a=b -h"})
  void anAgentShapedLineWithAHelpFlagPrintsTheUsageAndAsksNoPlugin(String line) {
    String[] args = line.split(" ");
    assertEquals(Optional.empty(), AgentArgv.parse(args), "left to picocli");
    Dvdcli.Result r = dvdcli().run(args);
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.stderr());
    assertEquals(dvdcli().run(args[0], "--help").stdout(), r.stdout());
  }

  /** The same through the real launcher, as an operator types it. */
  @Test
  void theLauncherPrintsAUsageForMountHelp() throws Exception {
    Dvdcli.Result r = new Dvdcli(tmp, tmp).run("mount", "--help");
    assertUsage("mount", model().getSubcommands().get("mount").getCommandSpec(), r);
  }
}
