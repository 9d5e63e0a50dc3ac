package io.dvdcli.commands;

import io.dvdcli.plugin.transport.PluginException;

/** A command that failed: "Failed to <verb> <target>: <cause>", with the cause's kind. */
public final class CommandFailedException extends Exception {
  private final PluginException cause;

  public CommandFailedException(String verb, String target, PluginException cause) {
    super("Failed to " + verb + " " + target + ": " + cause.getMessage(), cause);
    this.cause = cause;
  }

  public PluginException pluginFailure() {
    return cause;
  }
}
