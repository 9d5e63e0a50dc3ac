package io.dvdcli.shim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.shim.FakeDvdcli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands run in-process through {@link Main#run}, with the stand-in dvdcli. */
class CommandLineTest {
  @TempDir Path temp;
  FakeDvdcli fake;
  Path checkpoints;
  Map<String, String> environment = new HashMap<>();

  record Outcome(int status, String stdout, String stderr) {
    JsonNode json() throws Exception {
      return AnswerJson.MAPPER.readTree(stdout);
    }

    String lastErrorLine() {
      List<String> lines = stderr.strip().lines().toList();
      return lines.get(lines.size() - 1);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    fake = FakeDvdcli.in(temp.resolve("fake"));
    checkpoints = temp.resolve("checkpoints");
  }

  Outcome shim(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--help") && all.size() > 0 && !all.get(0).startsWith("-")) {
      all.addAll(1, List.of("--checkpoint-dir", checkpoints.toString(), "--dvdcli", fake.path().toString()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(all.toArray(String[]::new), environment,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void preparePrintsEachVolumesHostPathAsJsonAndNothingElse() throws Exception {
    Outcome prepared = shim("prepare", "c1", "--volume", "driver=fake,name=vol1,opt=size=5,container-path=data,mode=ro");

    assertEquals(0, prepared.status(), prepared.stderr());
    assertEquals("", prepared.stderr());
    JsonNode volume = prepared.json().get("volumes").get(0);
    assertEquals("c1", prepared.json().get("containerId").asText());
    assertEquals(fake.file("volumes/vol1").toString(), volume.get("hostPath").asText());
    assertEquals("RO", volume.get("mode").asText());
    assertEquals("data", volume.get("containerPath").asText());
    assertEquals(List.of("mount", "--volumedriver=fake", "--volumename=vol1", "--volumeopts=size=5", "stdin=/dev/null"),
        fake.calls().get(0));
  }

  @Test
  void cleanupPrintsWhatItUnmounted() throws Exception {
    shim("prepare", "c1", "--volume", "driver=fake,name=vol1");

    Outcome cleaned = shim("cleanup", "c1");

    assertEquals(0, cleaned.status(), cleaned.stderr());
    assertEquals("fake/vol1", cleaned.json().get("unmounted").get(0).asText());
    assertFalse(fake.isMounted("fake", "vol1"));
  }

  @Test
  void volumesCanComeAsMesosDockerVolumesJson() throws Exception {
    Path file = temp.resolve("volumes.json");
    Files.writeString(file, "{\"volumes\":[{\"driver\":\"fake\",\"name\":\"vol1\","
        + "\"options\":{\"parameter\":[{\"key\":\"size\",\"value\":\"5,with,commas\"}]},\"mode\":\"RW\"}]}");

    Outcome prepared = shim("prepare", "c1", "--volumes-json", file.toString());

    assertEquals(0, prepared.status(), prepared.stderr());
    assertTrue(fake.calls().get(0).contains("--volumeopts=size=5,with,commas"));
  }

  @Test
  void volumesCanComeFromDvdiVariables() throws Exception {
    environment.put("DVDI_VOLUME_NAME", "first");
    environment.put("DVDI_VOLUME_DRIVER", "fake");
    environment.put("DVDI_VOLUME_NAME2", "second");
    environment.put("DVDI_VOLUME_DRIVER2", "fake");
    environment.put("DVDI_VOLUME_OPTS2", "size=5,iops=10");

    Outcome prepared = shim("prepare", "c1", "--from-env");

    assertEquals(0, prepared.status(), prepared.stderr());
    assertEquals(List.of("mount", "--volumedriver=fake", "--volumename=second", "--volumeopts=size=5",
        "--volumeopts=iops=10", "stdin=/dev/null"), fake.calls().get(1));
  }

  @Test
  void aHostileNameIsBadInputWithOneClearLineAndNoRecord() {
    Outcome refused = shim("prepare", "c1", "--volume", "driver=fake,name=$(reboot)");

    assertEquals(Main.BAD_INPUT, refused.status());
    assertEquals("", refused.stdout());
    assertEquals(1, refused.stderr().lines().count(), refused.stderr());
    assertTrue(refused.lastErrorLine().startsWith("isolator-shim: Invalid volume name '$(reboot)'"), refused.stderr());
    assertFalse(Files.exists(checkpoints.resolve("c1")));
  }

  @Test
  void aDuplicateVolumeIsBadInput() {
    Outcome refused = shim("prepare", "c1", "--volume", "driver=fake,name=v", "--volume", "driver=fake,name=v");

    assertEquals(Main.BAD_INPUT, refused.status());
    assertEquals("isolator-shim: Found duplicate docker volume with driver 'fake' and name 'v'", refused.lastErrorLine());
  }

  @Test
  void aFailedMountExitsOneWithTheVolumeAndReasonOnTheLastLine() throws Exception {
    fake.toggle("fail-mount", "bad", true);

    Outcome failed = shim("prepare", "c1", "--volume", "driver=fake,name=good", "--volume", "driver=fake,name=bad");

    assertEquals(Main.FAILED, failed.status());
    assertEquals("", failed.stdout());
    assertEquals("isolator-shim: Failed to mount volume 'fake/bad': dvdcli exited with status 4: "
        + "fake-dvdcli: mount of bad refused by the plugin (container 'c1' was not prepared; undone)", failed.lastErrorLine());
    assertFalse(fake.isMounted("fake", "good"));
  }

  @Test
  void recoverWithAFailedUnmountExitsOneAndKeepsItRecorded() throws Exception {
    shim("prepare", "gone", "--volume", "driver=fake,name=v");
    fake.toggle("fail-unmount", "v", true);

    Outcome failed = shim("recover");

    assertEquals(Main.FAILED, failed.status());
    assertTrue(failed.lastErrorLine().startsWith("isolator-shim: Failed to recover: "), failed.stderr());
    assertTrue(failed.lastErrorLine().endsWith("(1 failure(s); they stay recorded for the next recover)"), failed.stderr());
    assertEquals("fake/v", shim("status").json().get("released").get("gone").get(0).asText());

    fake.toggle("fail-unmount", "v", false);
    Outcome recovered = shim("recover");

    assertEquals(0, recovered.status(), recovered.stderr());
    assertEquals("fake/v", recovered.json().get("unmounted").get(0).asText());
  }

  @Test
  void recoverKeepsTheLiveContainersNamedOnTheCommandLine() throws Exception {
    shim("prepare", "live", "--volume", "driver=fake,name=v");

    Outcome recovered = shim("recover", "--live", "live");

    assertEquals(0, recovered.status(), recovered.stderr());
    assertEquals("live", recovered.json().get("recovered").get(0).asText());
    assertTrue(fake.isMounted("fake", "v"));
  }

  @Test
  void anUnknownFlagIsBadInput() {
    Outcome refused = shim("prepare", "c1", "--no-such-flag");

    assertEquals(Main.BAD_INPUT, refused.status());
    assertTrue(refused.lastErrorLine().startsWith("isolator-shim: Unknown option: '--no-such-flag'"), refused.stderr());
  }

  @Test
  void aTimeoutThatIsNotADurationIsBadInput() {
    Outcome refused = shim("cleanup", "c1", "--unmount-timeout", "soon");

    assertEquals(Main.BAD_INPUT, refused.status());
    assertTrue(refused.lastErrorLine().contains("'soon' is not a positive duration"), refused.stderr());
  }
}
