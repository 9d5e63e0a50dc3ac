package io.dvdcli.testsupport.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Stops processes a peer left behind, found by a path of ours on their command line. */
final class Processes {
  private Processes() {}

  /** SIGTERM, wait up to {@code seconds}, then SIGKILL. Returns the exit code, or -1 if killed. */
  static int stop(Process process, long seconds) {
    process.destroy();
    try {
      if (process.waitFor(seconds, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    return -1;
  }

  /**
   * Kills (SIGKILL), children first, every process whose command line mentions {@code marker}
   * (e.g. dockerd's temp folder: containerd and its shims name it), with all their descendants
   * (a managed plugin runs under its shim). Never this JVM or its ancestors. Returns the pids.
   */
  static List<Long> killAllMentioning(String marker) {
    Set<Long> spared = new HashSet<>();
    for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
      spared.add(p.pid());
    }
    List<ProcessHandle> doomed = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> !spared.contains(p.pid()))
        .filter(p -> commandLine(p.pid()).contains(marker))
        .forEach(
            p -> {
              p.descendants().forEach(doomed::add);
              doomed.add(p);
            });
    List<Long> killed = new ArrayList<>();
    for (ProcessHandle p : doomed) {
      if (!spared.contains(p.pid()) && p.destroyForcibly()) {
        killed.add(p.pid());
      }
    }
    for (ProcessHandle p : doomed) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // Best effort: a process stuck in the kernel (D state) cannot be helped from here.
      }
    }
    return killed;
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException | SecurityException e) {
      return "";
    }
  }
}
