package io.dvdcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.localplugin.LocalVolumePlugin;
import io.dvdcli.mountids.HostId;
import io.dvdcli.testing.Dvdcli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command, run as a process through the launcher, against the project's reference plugin on a
 * real UNIX socket; the plugin's own state says what really happened.
 */
class ReferencePluginTest {
  @TempDir Path tmp;
  private LocalVolumePlugin plugin;
  private Dvdcli dvdcli;

  @BeforeEach
  void start() throws Exception {
    Path sockets = Files.createDirectories(tmp.resolve("plugins"));
    plugin = LocalVolumePlugin.start(sockets.resolve("localvol.sock"), tmp.resolve("state"));
    dvdcli = new Dvdcli(sockets, Dvdcli.emptyDir(tmp, "specs")); // as on an agent: IDs recorded per mount
  }

  @AfterEach
  void stop() throws Exception {
    plugin.close();
  }

  @Test
  void mountCreatesTheVolumeWithItsOptionsAndHoldsItMountedUnderAnIdOfThisHost() throws Exception {
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=localvol", "--volumename=data1",
        "--volumeopts=size=5", "--volumeopts=label=a=b,c");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(plugin.mountpoint("data1") + "\n", r.stdout());
    assertTrue(Files.isDirectory(plugin.mountpoint("data1")));
    assertEquals(1, plugin.mountIds("data1").size());
    assertTrue(plugin.mountIds("data1").iterator().next().startsWith(HostId.get() + "-"), plugin.mountIds("data1").toString());
    assertEquals("a=b,c", plugin.volume("data1").orElseThrow().options().get("label"));
  }

  @Test
  void twoContainersMountOnceEachAndTheAgentsSingleUnmountReleasesTheVolume() throws Exception {
    assertEquals(0, dvdcli.run("mount", "--volumedriver=localvol", "--volumename=shared").exit());
    assertEquals(0, dvdcli.run("mount", "--volumedriver=localvol", "--volumename=shared").exit());
    assertEquals(2, plugin.mountIds("shared").size(), "one ID per container's mount");
    Dvdcli.Result r = dvdcli.run("unmount", "--volumedriver=localvol", "--volumename=shared");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.stdout());
    assertEquals(Set.of(), plugin.mountIds("shared"));
    assertEquals(Set.of("shared"), plugin.volumes(), "unmount keeps the volume");
  }

  @Test
  void aFileWrittenIntoTheVolumeOutlivesUnmountAndRemount() throws Exception {
    String path = dvdcli.run("mount", "--volumedriver=localvol", "--volumename=keep").stdout().trim();
    Files.writeString(Path.of(path, "hello.txt"), "hi");
    assertEquals(0, dvdcli.run("unmount", "--volumedriver=localvol", "--volumename=keep").exit());
    String again = dvdcli.run("mount", "--volumedriver=localvol", "--volumename=keep").stdout().trim();
    assertEquals(path, again);
    assertEquals("hi", Files.readString(Path.of(again, "hello.txt")));
  }

  @Test
  void explicitCreateMountsOnlyAVolumeThatWasCreatedFirst() throws Exception {
    Dvdcli.Result refused = dvdcli.run("mount", "--volumedriver=localvol", "--volumename=pre", "--explicitCreate=true");
    assertEquals(ExitCodes.REFUSED, refused.exit(), refused.toString());
    assertEquals(Set.of(), plugin.volumes());
    Dvdcli.Result created = dvdcli.run("create", "--volumedriver=localvol", "--volumename=pre", "--volumeopts=size=1");
    assertEquals("pre\n", created.stdout(), created.toString());
    assertEquals(0, dvdcli.run("mount", "--volumedriver=localvol", "--volumename=pre", "--explicitcreate").exit());
  }

  @Test
  void pathGetListCapabilitiesAndRemoveReportWhatThePluginHas() throws Exception {
    dvdcli.run("create", "--volumedriver=localvol", "--volumename=a");
    dvdcli.run("mount", "--volumedriver=localvol", "--volumename=b");
    assertEquals("a\nb\n", dvdcli.run("list", "--volumedriver=localvol").stdout());
    assertEquals("b\n", dvdcli.run("get", "--volumedriver=localvol", "--volumename=b").stdout());
    assertEquals(plugin.mountpoint("b") + "\n", dvdcli.run("path", "--volumedriver=localvol", "--volumename=b").stdout());
    assertEquals("local\n", dvdcli.run("capabilities", "--volumedriver=localvol").stdout());
    Dvdcli.Result missing = dvdcli.run("get", "--volumedriver=localvol", "--volumename=zzz");
    assertEquals(ExitCodes.REFUSED, missing.exit(), missing.toString());
    Dvdcli.Result inUse = dvdcli.run("remove", "--volumedriver=localvol", "--volumename=b");
    assertEquals(ExitCodes.REFUSED, inUse.exit(), inUse.toString());
    assertEquals("a\n", dvdcli.run("remove", "--volumedriver=localvol", "--volumename=a").stdout());
    assertEquals(Set.of("b"), plugin.volumes());
  }

  @Test
  void aHostileVolumeNameIsRefusedByThePluginAndNothingIsCreatedOutsideItsFolder() throws Exception {
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=localvol", "--volumename=../../escape");
    assertTrue(r.exit() != 0, r.toString());
    assertEquals(0, r.stdoutBytes().length);
    assertTrue(Files.notExists(tmp.resolve("escape")));
    assertEquals(Set.of(), plugin.volumes());
  }

  @Test
  void thePluginsCommandShowsWhereThePluginIsAndThatItAnswers() throws Exception {
    Dvdcli.Result r = dvdcli.run("plugins");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.stdout().startsWith("localvol\tunix://" + plugin.unixSocket().orElseThrow()), r.stdout());
    assertTrue(r.stdout().strip().endsWith("ok: implements VolumeDriver"), r.stdout());
  }
}
