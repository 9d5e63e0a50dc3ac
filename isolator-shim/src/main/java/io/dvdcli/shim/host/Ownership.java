package io.dvdcli.shim.host;

import io.dvdcli.shim.driver.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gives a volume's host path to the task user, as the agent does with {@code
 * --docker_volume_chown}: owner and that user's login group, not recursive.
 */
public final class Ownership {
  private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");

  private final ProcessRunner runner;

  public Ownership(ProcessRunner runner) {
    this.runner = runner;
  }

  public static String validateUser(String user) {
    if (user == null || !USER.matcher(user).matches()) {
      throw new IllegalArgumentException("Invalid user name '" + io.dvdcli.shim.state.Printable.of(user)
          + "': must be a POSIX user name");
    }
    return user;
  }

  public void chown(Path path, String user) throws IOException {
    validateUser(user);
    try {
      ProcessRunner.Outcome outcome =
          runner.run(List.of("chown", "--", user + ":", path.toString()), Duration.ofSeconds(30));
      if (outcome.exitStatus() != 0) {
        throw new IOException("Failed to set '" + user + "' as the docker volume '" + path + "' owner: "
            + outcome.stderr().strip().lines().reduce((a, b) -> b).orElse("chown failed"));
      }
    } catch (ProcessRunner.TimedOut e) {
      throw new IOException("Failed to set '" + user + "' as the docker volume '" + path + "' owner: chown " + e.getMessage(), e);
    }
  }
}
