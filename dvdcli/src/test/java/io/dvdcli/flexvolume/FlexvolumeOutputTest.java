package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.flexvolume.Kubelet.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What kubelet reads from the installed driver (stdout and stderr together) is one JSON value
 * whatever goes wrong around dvdcli: {@link Kubelet} parses it as {@code json.Unmarshal} does,
 * failing on any stray byte. No root needed: nothing is mounted.
 */
class FlexvolumeOutputTest {
  @TempDir Path tmp;

  private Kubelet kubelet(Map<String, String> env) throws Exception {
    return new FlexvolumeNode(tmp, "localvol", env).kubelet;
  }

  @Test
  void aMissingJdkIsOneJsonFailureSayingSo() throws Exception {
    Kubelet.Outcome init = kubelet(Map.of("DVDCLI_JAVA", tmp.resolve("no-such-jdk/bin/java").toString())).probe();

    assertFalse(init.ok());
    assertEquals(1, init.exitCode());
    assertTrue(init.error().startsWith("init command failed, status: Failure, reason: dvdcli did not answer (exit status 127"), init.error());
    assertTrue(init.message().contains("no-such-jdk/bin/java: not found"), init.message());
  }

  @Test
  void aJvmThatCannotStartIsOneJsonFailureWithItsWords() throws Exception {
    Kubelet.Outcome init = kubelet(Map.of("DVDCLI_JAVA_OPTS", "-XX:+NoSuchVmOption")).probe();

    assertFalse(init.ok());
    assertTrue(init.message().contains("Unrecognized VM option 'NoSuchVmOption'"), init.message());
  }

  @Test
  void jvmLogLinesOnStdoutAndAStaleArchiveDoNotReachKubelet() throws Exception {
    Path stale = Files.writeString(tmp.resolve("stale.jsa"), "not an archive");
    Kubelet.Outcome init = kubelet(Map.of("DVDCLI_JAVA_OPTS",
        "-Xshare:auto -XX:SharedArchiveFile=" + stale + " -Xlog:gc=info:stdout -Xlog:cds=warning:stdout")).probe();

    assertTrue(init.ok(), init.toString());
    assertTrue(init.output().startsWith("{\"status\":\"Success\""), init.output());
  }

  @Test
  void aBrokenSettingIsOneJsonFailureNotAUsageMessage() throws Exception {
    Kubelet kubelet = kubelet(Map.of("DVDCLI_TIMEOUT", "soon"));
    Pod pod = Pod.named("p");
    Files.createDirectories(kubelet.podVolumeDir(pod, "v"));

    Kubelet.Outcome mounted = kubelet.setUp(pod, Kubelet.FlexVolume.of("v", Map.of()));

    assertFalse(mounted.ok());
    assertTrue(mounted.message().contains("DVDCLI_TIMEOUT='soon' is not a number of seconds"), mounted.message());
  }

  @Test
  void aMountWithoutItsJsonArgumentIsAFailureSayingHowToCallIt() throws Exception {
    Kubelet.Outcome bad = kubelet(Map.of()).call("mount", "/tmp/x");

    assertEquals("mount command failed, status: Failure, reason: 'mount' takes 2 argument(s): mount <dir> <json>", bad.error());
  }
}
