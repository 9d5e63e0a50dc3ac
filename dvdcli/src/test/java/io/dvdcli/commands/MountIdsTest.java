package io.dvdcli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.cli.UsageException;
import io.dvdcli.mountids.HostId;
import io.dvdcli.volume.MountIdScheme;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MountIdsTest {
  @TempDir Path tmp;

  private static MountIdScheme resolve(String flag, Map<String, String> env) {
    MountIdFlag f = new MountIdFlag();
    f.mountId = flag;
    return f.resolve(env, "rclone");
  }

  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverRecordedIds() {
    assertEquals(new MountIdScheme.Fixed("flag"), resolve("flag", Map.of("DVDCLI_MOUNT_ID", "env")));
    assertEquals(new MountIdScheme.Fixed("env"), resolve(null, Map.of("DVDCLI_MOUNT_ID", "env")));
    MountIdScheme recorded = resolve(null, Map.of("DVDCLI_STATE_DIR", tmp.toString()));
    assertInstanceOf(MountIdScheme.Recorded.class, recorded);
    assertEquals(HostId.get(), ((MountIdScheme.Recorded) recorded).ledger().legacyId());
  }

  @Test
  void theHostIdIsStableAndRevealsNothingOfTheMachineId() {
    String host = HostId.get();
    assertTrue(host.matches("dvdcli-[0-9a-f]{24}"), host);
    assertEquals(host, HostId.get(), "stable across calls");
  }

  @Test
  void theStateFolderComesFromTheFlagThenTheEnvironment() {
    MountIdFlag f = new MountIdFlag();
    new CommandLine(f).parseArgs("--state-dir", tmp.resolve("flag").toString());
    MountIdScheme.Recorded r = (MountIdScheme.Recorded) f.resolve(Map.of("DVDCLI_STATE_DIR", "/elsewhere"), "d");
    assertTrue(r.ledger().folder("v").startsWith(tmp.resolve("flag")), r.ledger().folder("v").toString());
    MountIdScheme.Recorded e = (MountIdScheme.Recorded) resolve(null, Map.of("DVDCLI_STATE_DIR", tmp.toString()));
    assertTrue(e.ledger().folder("v").startsWith(tmp.resolve("mount-ids")), e.ledger().folder("v").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a\nb", "tab\there", "nul\u0000", "del\u007f", "c1\u0085"})
  void blankOrControlCharactersAreRefused(String id) {
    UsageException e = assertThrows(UsageException.class, () -> resolve(id, Map.of()));
    assertEquals("the mount ID must be 1-255 printable characters", e.getMessage());
  }

  @Test
  void atMost255Characters() {
    assertEquals(new MountIdScheme.Fixed("x".repeat(255)), resolve("x".repeat(255), Map.of()));
    assertThrows(UsageException.class, () -> resolve("x".repeat(256), Map.of()));
  }
}
