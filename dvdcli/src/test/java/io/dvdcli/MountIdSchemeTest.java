package io.dvdcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.localplugin.LocalVolumePlugin;
import io.dvdcli.mountids.HostId;
import io.dvdcli.mountids.MountLedger;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.FakePlugin;
import io.dvdcli.testing.FakePlugin.Reply;
import io.dvdcli.testing.InProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's sequence for a volume shared by containers on one host: one {@code mount} per
 * container, ONE {@code unmount} after the last (Mesos isolators/docker/volume). Whatever a plugin
 * does with Mount IDs, the plugin must hold nothing for this host afterwards, and no crash may
 * release a mount a running container uses or leak one for good. Three kinds of plugin: set-based
 * (the reference plugin, real), counting (Docker's {@code local} driver: N mounts need N unmounts,
 * IDs ignored; moby volume/local/local.go), and refusing a repeated ID (rclone: "volume is already
 * mounted by this id"; the real rclone runs in RclonePluginTest) — the last two modelled here, as
 * they are to be reproduced on demand, from those sources.
 */
class MountIdSchemeTest {
  private static final Pattern ID = Pattern.compile("\"ID\":\"([^\"]*)\"");

  /** A Mount answer that comes after any test's command timeout (a closed plugin ends it at once). */
  private static final Reply LATE = Reply.json("{\"Mountpoint\":\"/mnt/v\",\"Err\":\"\"}").after(Duration.ofSeconds(60));

  @TempDir Path tmp;
  private Path sockets;
  private Path state;
  private InProcess agent;
  private final List<AutoCloseable> plugins = new ArrayList<>();

  @BeforeEach
  void folders() throws Exception {
    sockets = Files.createDirectories(tmp.resolve("plugins"));
    state = tmp.resolve("dvdcli-state");
    agent = new InProcess(sockets, Dvdcli.emptyDir(tmp, "specs")).without("DVDCLI_MOUNT_ID");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable p : plugins) {
      p.close();
    }
  }

  private static String id(String body) {
    Matcher m = ID.matcher(body);
    return m.find() ? m.group(1) : "";
  }

  /** Docker's local driver: a counter; Unmount lets go at zero whatever the ID. */
  private AtomicInteger countingPlugin(String name) throws Exception {
    AtomicInteger count = new AtomicInteger();
    plugins.add(FakePlugin.start(sockets.resolve(name + ".sock"))
        .on("VolumeDriver.Mount", body -> {
          count.incrementAndGet();
          return Reply.json("{\"Mountpoint\":\"/mnt/v\",\"Err\":\"\"}");
        })
        .on("VolumeDriver.Unmount", body -> {
          count.decrementAndGet();
          return Reply.json("{\"Err\":\"\"}");
        }));
    return count;
  }

  /** rclone's rules (cmd/serve/docker/volume.go): a set of IDs that refuses repeats and strangers. */
  private Set<String> refusingPlugin(String name) throws Exception {
    Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    plugins.add(FakePlugin.start(sockets.resolve(name + ".sock"))
        .on("VolumeDriver.Mount", body -> ids.add(id(body))
            ? Reply.json("{\"Mountpoint\":\"/mnt/v\",\"Err\":\"\"}")
            : Reply.status(500, "application/json", "{\"Err\":\"volume is already mounted by this id\"}"))
        .on("VolumeDriver.Path", Reply.json("{\"Mountpoint\":\"/mnt/v\",\"Err\":\"\"}"))
        .on("VolumeDriver.Unmount", body -> ids.isEmpty()
            ? Reply.status(500, "application/json", "{\"Err\":\"volume is not mounted\"}")
            : ids.remove(id(body)) ? Reply.json("{\"Err\":\"\"}")
            : Reply.status(500, "application/json", "{\"Err\":\"volume is not mounted by this id\"}")));
    return ids;
  }

  /**
   * A plugin that mounts (holds the Mount's ID) whatever its answer says, and lets go on Unmount;
   * {@code onMount} runs once the ID is held.
   */
  private FakePlugin mountingPlugin(String name, Set<String> held, Reply mountAnswer, Runnable onMount) throws Exception {
    FakePlugin plugin = FakePlugin.start(sockets.resolve(name + ".sock"))
        .on("VolumeDriver.Mount", body -> {
          held.add(id(body));
          onMount.run();
          return mountAnswer;
        })
        .on("VolumeDriver.Unmount", body -> {
          held.remove(id(body));
          return Reply.json("{\"Err\":\"\"}");
        });
    plugins.add(plugin);
    return plugin;
  }

  private void containers(String driver, int n) {
    for (int i = 0; i < n; i++) {
      Dvdcli.Result r = agent.run("mount", "--volumedriver=" + driver, "--volumename=shared");
      assertEquals(0, r.exit(), "container " + (i + 1) + ": " + r);
    }
  }

  private void lastContainerLeaves(String driver) {
    Dvdcli.Result r = agent.run("unmount", "--volumedriver=" + driver, "--volumename=shared");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.stdout());
  }

  private List<String> recorded(String driver) throws Exception {
    return new MountLedger(state, driver, HostId.get()).held("shared");
  }

  @Test
  void aSetBasedPluginHoldsOneIdPerContainerAndNoneAfterTheLastLeaves() throws Exception {
    LocalVolumePlugin plugin = LocalVolumePlugin.start(sockets.resolve("ref.sock"), tmp.resolve("ref"));
    plugins.add(plugin);
    containers("ref", 3);
    assertEquals(3, plugin.mountIds("shared").size(), plugin.mountIds("shared").toString());
    assertEquals(Set.copyOf(recorded("ref")), plugin.mountIds("shared"), "what is recorded is what the plugin holds");
    lastContainerLeaves("ref");
    assertEquals(Set.of(), plugin.mountIds("shared"));
    assertEquals(List.of(), recorded("ref"));
  }

  @Test
  void aCountingPluginGetsAsManyUnmountsAsMounts() throws Exception {
    AtomicInteger count = countingPlugin("counting");
    containers("counting", 3);
    assertEquals(3, count.get());
    lastContainerLeaves("counting");
    assertEquals(0, count.get(), "the plugin let go");
  }

  @Test
  void aPluginThatRefusesARepeatedIdServesASecondContainer() throws Exception {
    Set<String> ids = refusingPlugin("refusing");
    containers("refusing", 2);
    assertEquals(2, ids.size());
    lastContainerLeaves("refusing");
    assertEquals(Set.of(), ids);
  }

  @Test
  void eachMountsIdNamesThisHost() throws Exception {
    Set<String> ids = refusingPlugin("refusing");
    containers("refusing", 2);
    for (String id : ids) {
      assertTrue(id.matches(Pattern.quote(HostId.get()) + "-[0-9a-f]{12}"), id);
    }
  }

  @Test
  void aRecordedIdThePluginNeverGotIsClearedByTheUnmount() throws Exception {
    // A kill -9 between recording the ID and sending the Mount.
    Set<String> ids = refusingPlugin("refusing");
    new MountLedger(state, "refusing", HostId.get()).record("shared");
    containers("refusing", 1);
    lastContainerLeaves("refusing");
    assertEquals(Set.of(), ids);
    assertEquals(List.of(), recorded("refusing"));
  }

  @Test
  void aRefusedMountLeavesNoRecord() throws Exception {
    plugins.add(FakePlugin.start(sockets.resolve("no.sock"))
        .on("VolumeDriver.Mount", Reply.status(500, "application/json", "{\"Err\":\"quota exceeded\"}")));
    Dvdcli.Result r = agent.run("mount", "--volumedriver=no", "--volumename=shared");
    assertEquals(1, r.exit(), r.toString());
    assertEquals(List.of(), recorded("no"));
  }

  @Test
  void aMountWithAnUnusableAnswerIsUndoneAtOnce() throws Exception {
    Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    mountingPlugin("bad", ids, Reply.json("{\"Mountpoint\":\"relative/path\",\"Err\":\"\"}"), () -> { });
    Dvdcli.Result r = agent.run("mount", "--volumedriver=bad", "--volumename=shared");
    assertEquals(6, r.exit(), r.toString());
    assertEquals(Set.of(), ids, "the plugin's mount was undone");
    assertEquals(List.of(), recorded("bad"));
  }

  @Test
  void aMountWithoutAnAnswerStaysRecordedAndTheAgentsUnmountReleasesIt() throws Exception {
    Set<String> mountedLate = java.util.concurrent.ConcurrentHashMap.newKeySet(); // mounted, but answers too late
    FakePlugin slow = mountingPlugin("refusing", mountedLate, LATE, () -> { });
    Dvdcli.Result r = agent.env("DVDCLI_TIMEOUT", InProcess.HANG_TIMEOUT_SECONDS)
        .run("mount", "--volumedriver=refusing", "--volumename=shared");
    assertEquals(5, r.exit(), r.toString());
    assertEquals(1, recorded("refusing").size(), "kept for the unmount");
    slow.close();
    Set<String> ids = refusingPlugin("refusing"); // the plugin, restarted, still holds the late mount
    ids.addAll(mountedLate);
    lastContainerLeaves("refusing");
    assertEquals(Set.of(), ids);
    assertEquals(List.of(), recorded("refusing"));
  }

  @Test
  void aDvdcliKilledDuringTheMountLeavesItsIdForTheAgentsUnmount() throws Exception {
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet(); // its answer never reaches dvdcli
    FakePlugin slow = mountingPlugin("refusing", held, LATE, asked::countDown);
    ProcessBuilder pb = new ProcessBuilder(Dvdcli.launcher().toString(), "mount", "--volumedriver=refusing",
        "--volumename=shared").redirectInput(new java.io.File("/dev/null"))
        .redirectOutput(tmp.resolve("killed.out").toFile()).redirectError(tmp.resolve("killed.err").toFile());
    pb.environment().putAll(java.util.Map.of("DVDCLI_CLASSPATH", System.getProperty("java.class.path"),
        "DVDCLI_SOCKETS_DIR", sockets.toString(), "DVDCLI_SPECS_DIRS", tmp.resolve("specs").toString(),
        "DVDCLI_STATE_DIR", state.toString()));
    pb.environment().remove("DVDCLI_MOUNT_ID");
    Process mount = pb.start();
    try {
      assertTrue(asked.await(120, java.util.concurrent.TimeUnit.SECONDS), "the Mount reached the plugin");
    } finally {
      mount.descendants().forEach(ProcessHandle::destroyForcibly); // kill -9, as the agent's timeout does
      mount.destroyForcibly();
      mount.waitFor();
    }
    slow.close();
    assertEquals(List.copyOf(held), recorded("refusing"), "the ID the plugin holds is recorded");
    Set<String> ids = refusingPlugin("refusing");
    ids.addAll(held);
    lastContainerLeaves("refusing");
    assertEquals(Set.of(), ids, "the agent's unmount released it");
  }

  @Test
  void anUnmountThatFailsKeepsTheIdsForTheAgentsRetry() throws Exception {
    Set<String> ids = refusingPlugin("refusing");
    containers("refusing", 2);
    plugins.remove(0).close(); // the plugin is down at the first cleanup
    Dvdcli.Result failed = agent.run("unmount", "--volumedriver=refusing", "--volumename=shared");
    assertNotEquals(0, failed.exit(), failed.toString());
    assertEquals(2, recorded("refusing").size());
    Set<String> held = Set.copyOf(ids);
    Set<String> again = refusingPlugin("refusing"); // back, still holding both (its state survived)
    again.addAll(held);
    lastContainerLeaves("refusing"); // MESOS-10126: the agent retries a failed unmount
    assertEquals(Set.of(), again);
    assertEquals(List.of(), recorded("refusing"));
  }

  @Test
  void aVolumeMountedBeforeIdsWereRecordedIsReleasedWithTheHostsFormerId() throws Exception {
    Set<String> ids = refusingPlugin("refusing");
    ids.add(HostId.get()); // mounted by dvdcli 0.1, which sent the host id for every mount
    lastContainerLeaves("refusing");
    assertEquals(Set.of(), ids);
  }

  @Test
  void anUnmountWithNothingRecordedAndNothingHeldSucceedsWithAWarning() throws Exception {
    refusingPlugin("refusing");
    Dvdcli.Result r = agent.run("unmount", "--volumedriver=refusing", "--volumename=shared");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.stderr().contains("warning"), r.stderr());
  }

  @Test
  void aCallersOwnIdThatThePluginAlreadyHoldsIsTheMountItWants() throws Exception {
    Set<String> ids = refusingPlugin("refusing");
    InProcess own = new InProcess(sockets, tmp.resolve("specs")).env("DVDCLI_MOUNT_ID", "pod-1");
    assertEquals(0, own.run("mount", "--volumedriver=refusing", "--volumename=shared").exit());
    Dvdcli.Result again = own.run("mount", "--volumedriver=refusing", "--volumename=shared");
    assertEquals(0, again.exit(), again.toString());
    assertEquals("/mnt/v\n", again.stdout());
    assertEquals(Set.of("pod-1"), ids);
  }

  @Test
  void anUnwritableStateFolderFailsTheMountBeforeThePluginIsAskedToMount() throws Exception {
    FakePlugin plugin = FakePlugin.start(sockets.resolve("ok.sock"));
    plugins.add(plugin);
    Files.writeString(tmp.resolve("not-a-folder"), "x");
    Dvdcli.Result r = agent.env("DVDCLI_STATE_DIR", tmp.resolve("not-a-folder").toString())
        .run("mount", "--volumedriver=ok", "--volumename=shared");
    assertEquals(ExitCodes.STATE, r.exit(), r.toString());
    assertTrue(r.lastStderrLine().contains("cannot record a mount ID of volume 'shared'"), r.lastStderrLine());
    assertTrue(!plugin.methods().contains("VolumeDriver.Mount"), plugin.methods().toString());
  }
}
