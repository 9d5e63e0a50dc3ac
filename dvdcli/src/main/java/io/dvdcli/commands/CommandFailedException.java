package io.dvdcli.commands;

import io.dvdcli.plugin.PluginException;

/** A command that failed: "Failed to <verb> <what> '<where>': <cause>", with the cause's kind. */
public final class CommandFailedException extends Exception {
  private final PluginException cause;

  public CommandFailedException(String verb, String what, String where, PluginException cause) {
    super("Failed to " + verb + " " + what + " '" + where + "': " + cause.getMessage(), cause);
    this.cause = cause;
  }

  public PluginException pluginFailure() {
    return cause;
  }
}
