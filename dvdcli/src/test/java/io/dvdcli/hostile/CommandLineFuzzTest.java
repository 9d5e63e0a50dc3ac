package io.dvdcli.hostile;

import static io.dvdcli.hostile.OneLine.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dvdcli.ExitCodes;
import io.dvdcli.cli.UsageException;
import io.dvdcli.commands.DvdcliCommand;
import io.dvdcli.commands.VolumeFlagsProbe;
import io.dvdcli.commands.VolumeOption;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Any argv parses into values the commands can use, or fails as a picocli ParameterException, which
 * dvdcli run on the same argv reports as a failure in whole stderr lines ending in one clean line; any {@code --volumeopts} text is KEY=VALUE split on
 * the first '=' or is refused with a reason. Parsing only: no plugin is looked for.
 */
class CommandLineFuzzTest {
  private static final List<String> SUBCOMMANDS = List.of("mount", "unmount", "create", "remove", "path", "get",
      "list", "capabilities", "plugins", "version", "MOUNT", "Unmount", "frobnicate", "");
  private static final List<String> FLAGS = List.of("--volumedriver=", "--volumename=", "--volumeopts=",
      "--volumeopts=", "--explicitcreate", "--explicitCreate=", "--timeout=", "--retry-timeout=", "--mount-id=",
      "--sockets-dir=", "--specs-dirs=", "--debug", "--VolumeName=", "-", "--", "");

  /** An empty folder for sockets and specs: no plugin is ever found. */
  private static final Path NOWHERE;

  static {
    try {
      NOWHERE = Files.createTempDirectory("dvdcli-argv-fuzz");
      NOWHERE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static CommandLine cli() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    return new CommandLine(new DvdcliCommand(Map.of(), new PrintWriter(new StringWriter()), quiet))
        .setOptionsCaseInsensitive(true)
        .setSubcommandsCaseInsensitive(true);
  }

  @FuzzTest(maxDuration = "10s")
  void anyArgvParsesIntoUsableValuesOrIsAOneLineUsageError(FuzzedDataProvider data) {
    List<String> args = new ArrayList<>();
    args.add(data.pickValue(SUBCOMMANDS));
    int n = data.consumeInt(0, 6);
    for (int i = 0; i < n; i++) {
      args.add(data.pickValue(FLAGS) + data.consumeString(100));
    }
    String[] argv = args.toArray(new String[0]);
    try {
      VolumeFlagsProbe.readAll(cli().parseArgs(argv));
    } catch (ParameterException | UsageException usage) {
      assertTrue(usage.getMessage() != null && !usage.getMessage().isBlank());
      if (String.join(" ", argv).toLowerCase(Locale.ROOT).contains("timeout")) {
        return; // a retry budget would let dvdcli wait for the missing plugin; parsing alone is checked
      }
      // What the operator sees: a failure, nothing on stdout, every stderr line dvdcli's own.
      Dvdcli.Result r = new InProcess(NOWHERE, NOWHERE).run(argv);
      assertTrue(r.exit() != 0 && r.exit() != ExitCodes.INTERNAL, r.toString());
      assertEquals(0, r.stdoutBytes().length, r.toString());
      r.stderr().lines().forEach(line -> assertTrue(line.startsWith("dvdcli: "), () -> "a broken line: " + r));
      assertOneLine(r.lastStderrLine());
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyVolumeOptionSplitsOnTheFirstEqualsSignOrIsRefused(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    VolumeOption o;
    try {
      o = new io.dvdcli.commands.VolumeOptionConverter().convert(text);
    } catch (TypeConversionException refused) {
      // Main escapes control characters when it prints a usage error; the argv test checks that.
      assertFalse(refused.getMessage().isBlank());
      return;
    }
    assertEquals(text, o.key() + "=" + o.value());
    assertFalse(o.key().contains("="));
    assertFalse(o.key().isBlank());
    assertFalse(o.key().chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)));
  }
}
