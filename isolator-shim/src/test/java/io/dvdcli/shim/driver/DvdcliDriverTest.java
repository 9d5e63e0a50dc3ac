package io.dvdcli.shim.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.shim.FakeDvdcli;
import io.dvdcli.shim.state.DockerVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvdcliDriverTest {
  @TempDir Path temp;
  FakeDvdcli fake;
  DvdcliDriver driver;

  @BeforeEach
  void setUp() throws Exception {
    fake = FakeDvdcli.in(temp.resolve("fake"));
    driver = new DvdcliDriver(fake.path(), Duration.ofSeconds(20), Duration.ofSeconds(20), new ProcessRunner(Map.of()));
  }

  /**
   * The agent's options come from a hash map (isolator.cpp:406-412, driver.cpp:74-75 in Mesos
   * 1.11.0): one --volumeopts per key, in an order nothing may rely on, so only the set is checked.
   */
  @Test
  void mountRunsDvdcliWithTheAgentsArgvOneVolumeoptsPerOptionAndStdinFromDevNull() throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("size", "5");
    options.put("iops", "100");
    driver.mount(new DockerVolume("rexray", "vol1"), options, false, DvdcliCalls.Started.IGNORE);

    assertEquals(1, fake.calls().size());
    List<String> argv = fake.calls().get(0);
    assertEquals(List.of("mount", "--volumedriver=rexray", "--volumename=vol1"), argv.subList(0, 3));
    assertEquals(Set.of("--volumeopts=size=5", "--volumeopts=iops=100"), Set.copyOf(argv.subList(3, argv.size() - 1)));
    assertEquals(2, argv.size() - 4, "one --volumeopts per option");
    assertEquals("stdin=/dev/null", argv.get(argv.size() - 1));
  }

  @Test
  void explicitCreateAddsTheLowerCaseFlagThatDvdcliUnderstands() throws Exception {
    Files.createDirectories(fake.file("volumes/vol1"));

    driver.mount(new DockerVolume("rexray", "vol1"), Map.of(), true, DvdcliCalls.Started.IGNORE);

    assertEquals(List.of("mount", "--volumedriver=rexray", "--volumename=vol1", "--explicitcreate", "stdin=/dev/null"),
        fake.calls().get(0));
  }

  @Test
  void unmountRunsDvdcliWithDriverAndNameOnly() throws Exception {
    driver.unmount(new DockerVolume("rexray", "vol1"), DvdcliCalls.Started.IGNORE);

    assertEquals(List.of("unmount", "--volumedriver=rexray", "--volumename=vol1", "stdin=/dev/null"), fake.calls().get(0));
  }

  @Test
  void theMountPathIsStdoutWithSurroundingWhitespaceTrimmed() throws Exception {
    String path = driver.mount(new DockerVolume("rexray", "vol1"), Map.of(), false, DvdcliCalls.Started.IGNORE);

    assertEquals(fake.file("volumes/vol1").toString(), path);
  }

  @Test
  void aFailedMountCarriesTheLastStderrLineAndSaysNothingWasMounted() throws Exception {
    fake.toggle("fail-mount", "vol1", true);

    DriverException e = assertThrows(DriverException.class,
        () -> driver.mount(new DockerVolume("rexray", "vol1"), Map.of(), false, DvdcliCalls.Started.IGNORE));

    assertEquals("Failed to mount volume 'rexray/vol1': dvdcli exited with status 4: "
        + "fake-dvdcli: mount of vol1 refused by the plugin", e.getMessage());
    assertTrue(e.outcomeKnown());
  }

  @Test
  void aHangingMountIsKilledWithItsWholeProcessTreeAtTheTimeout() throws Exception {
    fake.toggle("hang-mount", "vol1", true);
    // Long enough for the fake to start its child and write both pids on a busy host (its shell
    // took up to 2.1 s for a whole mount at load 24 on 2 cores); the hang costs this long.
    DvdcliDriver impatient =
        new DvdcliDriver(fake.path(), Duration.ofSeconds(5), Duration.ofSeconds(5), new ProcessRunner(Map.of()));

    DriverException e = assertThrows(DriverException.class,
        () -> impatient.mount(new DockerVolume("rexray", "vol1"), Map.of(), false, DvdcliCalls.Started.IGNORE));

    assertEquals("Failed to mount volume 'rexray/vol1': dvdcli timed out after 5 s; its process tree was killed",
        e.getMessage());
    assertFalse(e.outcomeKnown());
    long parent = Long.parseLong(Files.readString(fake.file("hang.pid")).strip());
    long child = Long.parseLong(Files.readString(fake.file("hang-child.pid")).strip());
    assertFalse(ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false), "dvdcli itself is dead");
    assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the process it started is dead");
  }

  @Test
  void aMissingBinaryIsAClearFailureThatChangedNothing() {
    DvdcliDriver missing = new DvdcliDriver(temp.resolve("no-such-dvdcli"), Duration.ofSeconds(5),
        Duration.ofSeconds(5), new ProcessRunner(Map.of()));

    DriverException e = assertThrows(DriverException.class, () -> missing.unmount(new DockerVolume("rexray", "v"), DvdcliCalls.Started.IGNORE));

    assertTrue(e.getMessage().startsWith("Failed to unmount volume 'rexray/v': cannot run '"), e.getMessage());
    assertTrue(e.outcomeKnown());
  }

  @Test
  void aMountThatPrintsNothingIsAFailureWithUnknownOutcome() throws Exception {
    Path silent = temp.resolve("silent-dvdcli");
    Files.writeString(silent, "#!/bin/sh\nexit 0\n");
    silent.toFile().setExecutable(true);
    DvdcliDriver quiet = new DvdcliDriver(silent, Duration.ofSeconds(5), Duration.ofSeconds(5), new ProcessRunner(Map.of()));

    DriverException e = assertThrows(DriverException.class,
        () -> quiet.mount(new DockerVolume("rexray", "v"), Map.of(), false, DvdcliCalls.Started.IGNORE));

    assertEquals("Failed to mount volume 'rexray/v': dvdcli succeeded but printed no mount path", e.getMessage());
    assertFalse(e.outcomeKnown());
  }
}
