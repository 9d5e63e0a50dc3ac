package io.dvdcli.shim.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The dvdcli process currently working on a volume, recorded next to the volume's lock file. A
 * shim killed with -9 loses its locks but not its child: the next holder of the lock finds the
 * record and kills that process tree first, so a mount cannot complete behind recover's back.
 */
public final class InFlightCalls {
  private InFlightCalls() {}

  public static Path recordFor(Path volumeLock) {
    return volumeLock.resolveSibling(volumeLock.getFileName() + ".pid");
  }

  public static void record(Path record, ProcessHandle process) throws IOException {
    String start = process.info().startInstant().map(Instant::toString).orElse("-");
    AtomicFiles.write(record, (process.pid() + " " + start + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public static void clear(Path record) throws IOException {
    Files.deleteIfExists(record);
  }

  /** The process a dead holder left running, if it still runs (same pid and start time). */
  public static Optional<ProcessHandle> leftOver(Path record) throws IOException {
    String content;
    try {
      content = Files.readString(record, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
    String[] parts = content.split(" ");
    if (parts.length != 2) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p ->
        p.info().startInstant().map(Instant::toString).orElse("-").equals(parts[1]));
  }
}
