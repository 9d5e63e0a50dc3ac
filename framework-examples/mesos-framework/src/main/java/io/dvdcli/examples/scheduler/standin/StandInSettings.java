package io.dvdcli.examples.scheduler.standin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start the test double.
 *
 * @param port loopback port to listen on; 0 picks a free one
 * @param workDir where task sandboxes go
 */
public record StandInSettings(int port, AgentResources resources, Duration heartbeat, Path workDir) {
  public StandInSettings {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(workDir, "workDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (heartbeat.toMillis() < 1) {
      throw new IllegalArgumentException("heartbeat interval must be positive");
    }
  }
}
