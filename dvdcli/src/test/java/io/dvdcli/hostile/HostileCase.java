package io.dvdcli.hostile;

import java.util.List;

/**
 * One row of the fault table: how the plugin misbehaves, what dvdcli is asked, and what it must
 * answer. {@code lastLine} is the exact last stderr line; {@code <sock>} stands for the plugin's
 * socket path. A success row has exit 0 and its stdout in {@code lastLine}'s place.
 */
record HostileCase(
    String name, Scenario scenario, List<String> args, int exit, String lastLine, boolean viaLauncher) {

  /** Scripts the plugin (and, for a restart, the fixture) before dvdcli runs. */
  @FunctionalInterface
  interface Scenario {
    void script(HostilePlugin plugin, HostileFixture fixture) throws Exception;
  }

  HostileCase alsoViaLauncher() {
    return new HostileCase(name, scenario, args, exit, lastLine, true);
  }

  @Override
  public String toString() {
    return name;
  }
}
