package io.dvdcli.cli;

/**
 * A bad command line or environment found while a command runs (a missing name, an ambiguous
 * option, a malformed DVDCLI_TIMEOUT): exit 2, like picocli's own usage errors. A plain exception
 * rather than picocli's, because the agent's fast path runs commands without a picocli model.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
