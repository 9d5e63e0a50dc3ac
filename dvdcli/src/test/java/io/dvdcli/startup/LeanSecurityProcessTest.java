package io.dvdcli.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.FakePlugin;
import io.dvdcli.testing.FakePlugin.Reply;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher opens the JDK packages LeanSecurity needs on JDK 25+ only; a mount must send a
 * mount ID named after the same host either way, as documented in the README (sha256 of the
 * machine id).
 */
class LeanSecurityProcessTest {
  private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
  private static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

  @TempDir Path tmp;

  @Test
  void theMountIdIsTheSameWithAndWithoutTheLeanProviders() throws Exception {
    assumeTrue(Files.isExecutable(JDK25) && Files.isExecutable(JDK17), "both JDKs of this machine kind");
    Path machineId = Path.of("/etc/machine-id");
    assumeTrue(Files.isReadable(machineId) && !Files.readString(machineId).isBlank(), "a machine id");
    Path sockets = Dvdcli.emptyDir(tmp, "sockets");
    try (FakePlugin plugin = FakePlugin.start(sockets.resolve("fake.sock"))
        .on("VolumeDriver.Get", Reply.json("{\"Volume\":{\"Name\":\"v1\"},\"Err\":\"\"}"))
        .on("VolumeDriver.Mount", Reply.json("{\"Mountpoint\":\"/mnt/v1\",\"Err\":\"\"}"))) {
      for (Path java : List.of(JDK25, JDK17)) {
        Dvdcli.Result r = new Dvdcli(sockets, Dvdcli.emptyDir(tmp, "specs"))
            .env("DVDCLI_JAVA", java.toString())
            .run("mount", "--volumedriver=fake", "--volumename=v1");
        assertEquals(0, r.exit(), java + ": " + r);
        assertEquals("/mnt/v1\n", r.stdout());
      }
      String expected = "dvdcli-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(("machine-id:" + Files.readString(machineId).trim()).getBytes(StandardCharsets.UTF_8))).substring(0, 24);
      List<String> ids = plugin.requests().stream().filter(r -> r.method().equals("VolumeDriver.Mount"))
          .map(r -> r.body().replaceAll(".*\"ID\":\"([^\"]*)\".*", "$1")).toList();
      assertEquals(2, ids.size(), ids.toString());
      for (String id : ids) {
        assertTrue(id.matches(expected + "-[0-9a-f]{12}"), "this host's id, then the mount's own: " + id);
      }
      assertNotEquals(ids.get(0), ids.get(1), "one ID per mount");
    }
  }

  /** The SecureRandom LeanSecurity hands the JDK becomes a real one when something draws from it. */
  @Test
  void aSocketBoundToNoAddressStillGetsARandomName() throws Exception {
    assumeTrue(Files.isExecutable(JDK25), "JDK 25 of this machine kind");
    List<String> command = new ArrayList<>(List.of(JDK25.toString()));
    command.addAll(List.of(LeanSecurity.JVM_FLAGS.split(" ")));
    command.addAll(List.of("-Djdk.net.unixdomain.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        AutobindProbe.class.getName()));
    List<String> names = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe ended");
      assertEquals(0, p.exitValue(), out);
      String[] lines = out.strip().split("\n");
      assertEquals("active=true", lines[0], "the probe ran with the lean providers: " + out);
      assertTrue(lines[1].matches(java.util.regex.Pattern.quote(tmp.toString()) + "/socket_\\d+"), out);
      names.add(lines[1]);
    }
    assertNotEquals(names.get(0), names.get(1), "drawn at random, not a fixed name");
  }
}
