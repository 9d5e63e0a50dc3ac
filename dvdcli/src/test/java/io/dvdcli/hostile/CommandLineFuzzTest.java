package io.dvdcli.hostile;

import static io.dvdcli.hostile.OneLine.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dvdcli.DvdcliCommand;
import io.dvdcli.commands.VolumeFlagsProbe;
import io.dvdcli.commands.VolumeOption;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Any argv parses into values the commands can use, or fails as a picocli ParameterException (the
 * usage error, exit 2) with a one-line message; any {@code --volumeopts} text is KEY=VALUE split on
 * the first '=' or is refused with a reason. Parsing only: no plugin is looked for.
 */
class CommandLineFuzzTest {
  private static final List<String> SUBCOMMANDS = List.of("mount", "unmount", "create", "remove", "path", "get",
      "list", "capabilities", "plugins", "version", "MOUNT", "Unmount", "frobnicate", "");
  private static final List<String> FLAGS = List.of("--volumedriver=", "--volumename=", "--volumeopts=",
      "--volumeopts=", "--explicitcreate", "--explicitCreate=", "--timeout=", "--retry-timeout=", "--mount-id=",
      "--sockets-dir=", "--specs-dirs=", "--debug", "--VolumeName=", "-", "--", "");

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
    try {
      VolumeFlagsProbe.readAll(cli().parseArgs(args.toArray(new String[0])));
    } catch (ParameterException usage) {
      assertOneLine(usage.getMessage());
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyVolumeOptionSplitsOnTheFirstEqualsSignOrIsRefused(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    VolumeOption o;
    try {
      o = new VolumeOption.Converter().convert(text);
    } catch (TypeConversionException refused) {
      assertOneLine(refused.getMessage());
      return;
    }
    assertEquals(text, o.key() + "=" + o.value());
    assertFalse(o.key().contains("="));
    assertFalse(o.key().isBlank());
    assertFalse(o.key().chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)));
  }
}
