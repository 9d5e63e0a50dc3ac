package io.dvdcli.testsupport.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealDockerEngineTest {
  @TempDir Path tmp;

  @Test
  void theEngineAnswersOnItsOwnSocketAndLeavesNothingRunningOrMountedWhenClosed() throws Exception {
    RealDockerEngine engine = RealDockerEngine.start(tmp);
    try (engine) {
      HttpAnswer version = engine.get("/version");
      assertEquals(200, version.status(), version::toString);
      assertTrue(version.header("Server").orElse("").startsWith("Docker/"), version::toString);
      assertTrue(version.header("Api-Version").isPresent(), version::toString);

      JsonNode info = new ObjectMapper().readTree(engine.get("/info").body());
      assertEquals(engine.dataRoot().toString(), info.get("DockerRootDir").asText());

      CommandResult cli = engine.docker("version", "--format", "{{.Server.Version}}");
      assertTrue(cli.ok(), cli::toString);
    }
    assertFalse(ProcessHandle.of(engine.pid()).map(ProcessHandle::isAlive).orElse(false), "dockerd still runs");
    assertEquals(java.util.List.of(), Mounts.under(tmp));
    assertEquals(java.util.List.of(), Processes.killAllMentioning(tmp + "/"), "processes naming the temp folder outlived close()");
  }
}
