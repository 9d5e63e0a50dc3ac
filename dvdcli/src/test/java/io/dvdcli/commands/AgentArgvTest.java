package io.dvdcli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.log.Diagnostics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The agent's fast path may only take command lines that picocli parses to the same values; every
 * other line must be left to picocli.
 */
class AgentArgvTest {
  private static final Diagnostics QUIET = new Diagnostics(new PrintStream(new ByteArrayOutputStream()), false);

  private static VolumeCommand picocli(String[] args) {
    CommandLine cl = DvdcliCommand.commandLine(new DvdcliCommand(Map.of(), new PrintWriter(new StringWriter()), System.err));
    return (VolumeCommand) cl.parseArgs(args).subcommand().commandSpec().userObject();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "mount --volumedriver=rexray --volumename=vol1",
      "mount --volumedriver=rexray --volumename=vol1 --volumeopts=size=5 --volumeopts=iops=150",
      "mount --volumedriver=local --volumename=nfs --volumeopts=o=addr=10.0.0.1,rw,nfsvers=4 --volumeopts=k=",
      "mount --volumename=vol1 --volumedriver=rexray --volumeopts=a=b=c",
      "mount --volumedriver=rexray --volumename=vol1 --explicitCreate=true",
      "mount --VOLUMEDRIVER=rexray --VolumeName=vol1 --explicitcreate=FALSE",
      "unmount --volumedriver=rexray --volumename=vol1",
      "mount --volumedriver=d --volumename=n --volumeopts=a=1 --volumeopts=a=2"})
  void theAgentsCommandLinesParseExactlyAsPicocliParsesThem(String line) {
    String[] args = line.split(" ");
    Optional<AgentArgv.Call> fast = AgentArgv.parse(args);
    assertTrue(fast.isPresent(), line);
    VolumeCommand slow = picocli(args);
    AgentArgv.Call call = fast.get();
    assertEquals(slow.getClass(), call.command().equals("mount") ? MountCommand.class : UnmountCommand.class);
    // One model, so one comparison: driver, name, options in order, explicitCreate.
    assertEquals(slow.volume.args(), call.volume());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "mount",
      "mount --volumedriver=rexray",
      "mount --volumedriver rexray --volumename vol1",
      "mount --volumedriver=a --volumedriver=b --volumename=v",
      "mount --volumedriver=d --volumename=n --volumeopts=novalue",
      "mount --volumedriver=d --volumename=n --volumeopts==v",
      "mount --volumedriver=d --volumename=n --explicitcreate",
      "mount --volumedriver=d --volumename=n --explicitcreate=yes",
      "mount --volumedriver=d --volumename=n --timeout=5",
      "mount --volumedriver=d --volumename=n --mount-id=x",
      "mount --volumedriver=d --volumename=n --help",
      "MOUNT --volumedriver=d --volumename=n",
      "create --volumedriver=d --volumename=n",
      "mount --volumedriver=d --volumename=n extra",
      "mount --volumedriver=d --volumename=n --",
      "mount --volumedriver=d --volumename=--volumedriver=evil",
      "mount --volumedriver=d --volumename=n --volumeopts=-x=1"})
  void everyOtherLineIsLeftToPicocli(String line) {
    assertEquals(Optional.empty(), AgentArgv.parse(line.split(" ")), line);
  }
}
