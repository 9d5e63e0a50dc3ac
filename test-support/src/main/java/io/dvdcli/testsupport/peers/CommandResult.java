package io.dvdcli.testsupport.peers;

import java.util.List;

/** What a finished (or timed-out and killed) command left: its exit code and both outputs. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {
  public CommandResult {
    command = List.copyOf(command);
  }

  public boolean ok() {
    return exitCode == 0 && !timedOut;
  }

  @Override
  public String toString() {
    return String.join(" ", command)
        + (timedOut ? " (killed: timed out)" : "")
        + " -> exit " + exitCode
        + "\n--- stdout\n" + stdout
        + "\n--- stderr\n" + stderr;
  }
}
