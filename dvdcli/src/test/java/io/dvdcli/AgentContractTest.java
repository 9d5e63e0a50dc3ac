package io.dvdcli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.FakePlugin;
import io.dvdcli.testing.FakePlugin.Recorded;
import io.dvdcli.testing.FakePlugin.Reply;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract with the Mesos agent's docker/volume isolator, checked on the real launcher run as
 * the agent runs it (argv, stdin /dev/null, stdout read whole, exit status) against a plugin on a
 * real UNIX socket.
 */
class AgentContractTest {
  @TempDir Path tmp;
  private Path sockets;
  private FakePlugin plugin;
  private Dvdcli dvdcli;

  @BeforeEach
  void start() throws Exception {
    sockets = Files.createDirectories(tmp.resolve("plugins"));
    plugin = FakePlugin.start(sockets.resolve("fake.sock"));
    dvdcli = new Dvdcli(sockets, Dvdcli.emptyDir(tmp, "specs"));
  }

  @AfterEach
  void stop() throws Exception {
    plugin.close();
  }

  @Test
  void mountPrintsTheMountPathAndNothingElseOnStdout() throws Exception {
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=fake", "--volumename=vol1");
    assertEquals(0, r.exit(), r.toString());
    assertArrayEquals("/mnt/vol1\n".getBytes(StandardCharsets.UTF_8), r.stdoutBytes());
    assertEquals("", r.stderr());
  }

  /** The create path's debug line shows the options with secret-looking values masked, and only when asked for. */
  @Test
  void optionsReachTheDebugLineMaskedAndOnlyWhenDebugging() throws Exception {
    plugin.on("VolumeDriver.Get", FakePlugin.Reply.json("{\"Err\":\"volume vol1 not found\"}"));
    String[] mount = {"mount", "--volumedriver=fake", "--volumename=vol1", "--volumeopts=size=5",
        "--volumeopts=password=hunter2"};
    Dvdcli.Result quiet = dvdcli.run(mount);
    assertEquals(0, quiet.exit(), quiet.toString());
    assertEquals("", quiet.stderr(), "no debug line unless asked for");

    Dvdcli.Result debug = dvdcli.env("DVDCLI_DEBUG", "1").run(mount);
    assertEquals(0, debug.exit(), debug.toString());
    assertTrue(debug.stderr().contains("creating it with options {password=*****, size=5}"), debug.stderr());
    assertFalse(debug.stderr().contains("hunter2"), debug.stderr());
    assertTrue(plugin.requests().stream().anyMatch(r -> r.method().equals("VolumeDriver.Create")
        && r.body().contains("\"password\":\"hunter2\"")), "the plugin still gets the real value");
  }

  @Test
  void mountSendsWhatDockerSends() throws Exception {
    dvdcli.env("DVDCLI_MOUNT_ID", "agent-1");
    assertEquals(0, dvdcli.run("mount", "--volumedriver=fake", "--volumename=vol1").exit());
    assertEquals(List.of("Plugin.Activate", "VolumeDriver.Get", "VolumeDriver.Mount"), plugin.methods());
    Recorded activate = plugin.requests().get(0);
    assertEquals("", activate.body(), "Activate has an empty body");
    for (Recorded r : plugin.requests()) {
      assertEquals("application/vnd.docker.plugins.v1.2+json", r.headers().get("accept"));
      assertEquals("plugin.moby.localhost", r.headers().get("host"));
    }
    assertEquals("{\"Name\":\"vol1\"}", plugin.requests().get(1).body());
    assertEquals("{\"Name\":\"vol1\",\"ID\":\"agent-1\"}", plugin.requests().get(2).body());
  }

  @Test
  void unmountSendsTheSameIdAsTheMountFromThisHostsRecordOfIt() throws Exception {
    assertEquals(0, dvdcli.run("mount", "--volumedriver=fake", "--volumename=vol1").exit());
    Dvdcli.Result r = dvdcli.run("unmount", "--volumedriver=fake", "--volumename=vol1");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(0, r.stdoutBytes().length);
    List<Recorded> calls = plugin.requests();
    String mountBody = calls.stream().filter(c -> c.method().equals("VolumeDriver.Mount")).findFirst().orElseThrow().body();
    String unmountBody = calls.stream().filter(c -> c.method().equals("VolumeDriver.Unmount")).findFirst().orElseThrow().body();
    assertEquals(mountBody, unmountBody);
    assertTrue(mountBody.matches("\\{\"Name\":\"vol1\",\"ID\":\"dvdcli-[0-9a-f]{24}-[0-9a-f]{12}\"\\}"), mountBody);
  }

  @Test
  void aMissingVolumeIsCreatedWithEveryOptionIntactThenMounted() throws Exception {
    plugin.on("VolumeDriver.Get", Reply.status(500, "application/json", "{\"Err\":\"no such volume\"}"));
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=fake", "--volumename=vol1",
        "--volumeopts=size=5", "--volumeopts=o=addr=10.0.0.1,rw", "--volumeopts=password=s3cret");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("/mnt/vol1\n", r.stdout());
    assertEquals(List.of("Plugin.Activate", "VolumeDriver.Get", "VolumeDriver.Create", "VolumeDriver.Mount"), plugin.methods());
    assertEquals("{\"Name\":\"vol1\",\"Opts\":{\"size\":\"5\",\"o\":\"addr=10.0.0.1,rw\",\"password\":\"s3cret\"}}",
        plugin.requests().get(2).body());
    assertEquals("", r.stderr(), "',rw' is plainly part of the value: no warning");
  }

  @Test
  void aFailedMountExitsNonZeroWithOneClearLineAndAnEmptyStdout() throws Exception {
    plugin.on("VolumeDriver.Mount", Reply.status(500, "application/json", "{\"Err\":\"disk on fire\"}"));
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=fake", "--volumename=vol1");
    assertEquals(ExitCodes.REFUSED, r.exit());
    assertEquals(0, r.stdoutBytes().length);
    assertEquals("dvdcli: Failed to mount volume 'vol1' with driver 'fake': plugin 'fake' answered"
        + " VolumeDriver.Mount with HTTP 500: disk on fire", r.lastStderrLine());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
  }

  @Test
  void explicitCreateAsMesosModuleDvdiSendsItNeverCreates() throws Exception {
    plugin.on("VolumeDriver.Get", Reply.json("{\"Err\":\"\"}"));
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=fake", "--volumename=vol1", "--explicitCreate=true");
    assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
    assertTrue(r.lastStderrLine().contains("does not exist and --explicitcreate forbids creating it"), r.stderr());
    assertEquals(List.of("Plugin.Activate", "VolumeDriver.Get"), plugin.methods());
  }

  @Test
  void usageErrorsExitTwoNotZeroAsTheOriginalDid() throws Exception {
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=fake", "--volumename=vol1", "--volumeopts=novalue");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertEquals(0, r.stdoutBytes().length);
    assertTrue(r.lastStderrLine().startsWith("dvdcli: usage error: "), r.stderr());
    assertTrue(plugin.requests().isEmpty(), "nothing was sent");
    assertEquals(ExitCodes.USAGE, dvdcli.run("mount", "--volumename=vol1").exit());
    assertEquals(ExitCodes.USAGE, dvdcli.run("mount", "--volumedriver=fake").exit());
    assertEquals(ExitCodes.USAGE, dvdcli.run("frobnicate").exit());
  }

  @Test
  void anUnknownDriverExitsThreeAndSaysWhereItLooked() throws Exception {
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=ghost", "--volumename=vol1");
    assertEquals(ExitCodes.NO_PLUGIN, r.exit());
    assertTrue(r.lastStderrLine().contains("no plugin named 'ghost'"), r.stderr());
    assertTrue(r.lastStderrLine().contains(sockets.resolve("ghost.sock").toString()), r.stderr());
  }

  @Test
  void aStaleSocketGetsItsOwnMessage() throws Exception {
    Path stale = sockets.resolve("stale.sock");
    try (ServerSocketChannel c = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.bind(UnixDomainSocketAddress.of(stale));
    } // closed: the file stays, nothing listens
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=stale", "--volumename=vol1");
    assertEquals(ExitCodes.UNREACHABLE, r.exit(), r.toString());
    assertTrue(r.lastStderrLine().contains("stale socket"), r.stderr());
  }

  @Test
  void aHungPluginEndsInATimeoutWithinTheCommandsLimit() throws Exception {
    // The plugin would answer after 120 s, so exit 5 is the command's own limit at work; the limit
    // leaves a cold JVM on a busy host time to reach Mount. No duration is asserted.
    plugin.on("VolumeDriver.Mount", Reply.json("{\"Mountpoint\":\"/x\"}").after(Duration.ofSeconds(120)));
    Dvdcli.Result r = dvdcli.env("DVDCLI_TIMEOUT", Dvdcli.HANG_TIMEOUT_SECONDS)
        .run("mount", "--volumedriver=fake", "--volumename=vol1");
    assertEquals(ExitCodes.TIMEOUT, r.exit(), r.toString());
    assertEquals(0, r.stdoutBytes().length);
    assertTrue(r.lastStderrLine().contains("did not answer VolumeDriver.Mount within"), r.stderr());
  }

  @Test
  void aPluginThatStartsLateIsWaitedForWithDockersBackoff() throws Exception {
    plugin.close();
    Thread late = new Thread(() -> {
      try {
        Thread.sleep(1200);
        plugin = FakePlugin.start(sockets.resolve("fake.sock"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    late.start();
    Dvdcli.Result r = dvdcli.env("DVDCLI_RETRY_TIMEOUT", "30").run("mount", "--volumedriver=fake", "--volumename=vol1");
    late.join();
    assertEquals(0, r.exit(), r.toString());
    assertEquals("/mnt/vol1\n", r.stdout());
  }

  @Test
  void debugDiagnosticsGoToStderrAndNeverShowSecretValues() throws Exception {
    plugin.on("VolumeDriver.Get", Reply.json("{}"));
    Dvdcli.Result r = dvdcli.env("DVDCLI_DEBUG", "1").run("mount", "--volumedriver=fake", "--volumename=vol1",
        "--volumeopts=password=s3cret", "--volumeopts=apiToken=t0ken", "--volumeopts=size=5");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("/mnt/vol1\n", r.stdout());
    assertTrue(r.stderr().contains("dvdcli: debug: "), r.stderr());
    assertTrue(r.stderr().contains("size=5"), r.stderr());
    assertTrue(!r.stderr().contains("s3cret") && !r.stderr().contains("t0ken"), r.stderr());
  }
}
