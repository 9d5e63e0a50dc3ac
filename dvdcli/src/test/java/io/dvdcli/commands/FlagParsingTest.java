package io.dvdcli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.cli.UsageException;
import io.dvdcli.log.Diagnostics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The command line alone, parsed as picocli sees it (no plugin involved). */
class FlagParsingTest {
  private static final Diagnostics QUIET = new Diagnostics(new PrintStream(new ByteArrayOutputStream()), false);

  private static CommandLine cli() {
    return DvdcliCommand.commandLine(new DvdcliCommand(Map.of(), new PrintWriter(new StringWriter()), System.err));
  }

  private static MountCommand mount(String... args) {
    CommandLine.ParseResult r = cli().parseArgs(args);
    return (MountCommand) r.subcommand().commandSpec().userObject();
  }

  @Test
  void theMesosAgentsArgvParsesIntoDriverNameAndOptionsInOrder() {
    MountCommand m = mount("mount", "--volumedriver=rexray", "--volumename=vol1",
        "--volumeopts=size=5", "--volumeopts=iops=150");
    assertEquals("rexray", m.volume.args().driver());
    assertEquals("vol1", m.volume.args().name());
    assertEquals(List.of("size", "iops"), List.copyOf(m.volume.args().options(QUIET).keySet()));
    assertFalse(m.volume.args().explicitCreate());
  }

  @ParameterizedTest(name = "--volumeopts={0} -> {1} = [{2}]")
  @CsvSource(delimiter = '|', value = {
      "size=5|size|5",
      "o=addr=10.0.0.1,rw,nfsvers=4|o|addr=10.0.0.1,rw,nfsvers=4",
      "sshcmd=user@host:/srv/a,b|sshcmd|user@host:/srv/a,b",
      "empty=|empty|''",
      "k==v|k|=v"})
  void optionsSplitOnTheFirstEqualsSignOnlyAndNeverOnCommas(String opt, String key, String value) {
    Map<String, String> opts = mount("mount", "--volumedriver=d", "--volumename=n", "--volumeopts=" + opt).volume.args().options(QUIET);
    assertEquals(Map.of(key, value.equals("''") ? "" : value), opts);
  }

  @ParameterizedTest
  @ValueSource(strings = {"novalue", "=value", " key=v"})
  void anOptionWithoutAKeyAndEqualsSignIsAUsageError(String opt) {
    assertThrows(ParameterException.class,
        () -> cli().parseArgs("mount", "--volumedriver=d", "--volumename=n", "--volumeopts=" + opt));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--explicitCreate=true", "--explicitcreate", "--EXPLICITCREATE=TRUE", "--explicitcreate=true"})
  void explicitCreateIsAcceptedInAnyCaseAsMesosModuleDvdiSendsIt(String flag) {
    assertTrue(mount("mount", "--volumedriver=d", "--volumename=n", flag).volume.args().explicitCreate());
  }

  @Test
  void explicitCreateFalseTurnsItOff() {
    assertFalse(mount("mount", "--volumedriver=d", "--volumename=n", "--explicitCreate=false").volume.args().explicitCreate());
  }

  @Test
  void flagsWorkInSpaceFormAndInAnyCase() {
    MountCommand m = mount("MOUNT", "--VolumeDriver", "rexray", "--VOLUMENAME", "v", "--volumeopts", "a=b");
    assertEquals("rexray", m.volume.args().driver());
    assertEquals("v", m.volume.args().name());
    assertEquals(Map.of("a", "b"), m.volume.args().options(QUIET));
  }

  @Test
  void theSameKeyTwiceWithDifferentValuesIsAmbiguous() {
    MountCommand m = mount("mount", "--volumedriver=d", "--volumename=n", "--volumeopts=a=1", "--volumeopts=a=2");
    assertThrows(UsageException.class, () -> m.volume.args().options(QUIET));
  }

  @Test
  void aMissingNameOrDriverIsAUsageError() {
    assertThrows(UsageException.class, () -> mount("mount", "--volumedriver=d").volume.args().name());
    assertThrows(UsageException.class, () -> mount("mount", "--volumename=n").volume.args().driver());
    assertThrows(UsageException.class, () -> mount("mount", "--volumedriver=d", "--volumename=").volume.args().name());
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    assertThrows(ParameterException.class, () -> cli().parseArgs("mount", "--volumedriver=d", "--nope"));
  }

  @Test
  void aValueThatLooksLikeACommaSeparatedListIsKeptWholeWithAWarning() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Diagnostics log = new Diagnostics(new PrintStream(err, true), false);
    Map<String, String> opts = mount("mount", "--volumedriver=d", "--volumename=n", "--volumeopts=size=5,iops=150").volume.args().options(log);
    assertEquals(Map.of("size", "5,iops=150"), opts);
    assertTrue(err.toString().startsWith("dvdcli: warning: --volumeopts size=... keeps its ',KEY=' parts"), err.toString());
  }
}
