package io.dvdcli.log;

import java.io.PrintStream;

/**
 * Diagnostics for operators, always on stderr (stdout carries only the answer Mesos reads). Quiet
 * unless {@code --debug} or {@code DVDCLI_DEBUG} asks for it. Option values whose key looks like a
 * secret never reach it unmasked ({@link io.dvdcli.untrusted.SecretKeys}).
 */
public final class Diagnostics {
  private final PrintStream err;
  private final boolean debug;

  public Diagnostics(PrintStream err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  public static Diagnostics quiet() {
    return new Diagnostics(System.err, false);
  }

  public boolean debugEnabled() {
    return debug;
  }

  public void debug(String message) {
    if (debug) {
      err.println("dvdcli: debug: " + message);
    }
  }

  /** Warnings are printed even when quiet: they explain a surprising but successful outcome. */
  public void warn(String message) {
    err.println("dvdcli: warning: " + message);
  }

}
