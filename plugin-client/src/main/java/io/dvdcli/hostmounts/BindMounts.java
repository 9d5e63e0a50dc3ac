package io.dvdcli.hostmounts;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pod's folder (Flexvolume, CSI) as a bind mount of the plugin's mount point, as Docker mounts a plugin's volume
 * into a container ({@code rbind}, read-only when asked), made and removed with util-linux
 * {@code mount}/{@code umount} (as kubelet's own mounter does), each bounded in time. Whether a
 * folder is mounted comes from {@code /proc/self/mountinfo}: a bind mount of a folder on the same
 * file system has the same device as its parent, which kubelet's own check cannot see.
 */
public final class BindMounts {
  private final Path mountinfo;
  private final Duration limit;

  public BindMounts(Path mountinfo, Duration limit) {
    this.mountinfo = mountinfo;
    this.limit = limit;
  }

  public static BindMounts ofThisHost() {
    return new BindMounts(Path.of("/proc/self/mountinfo"), Duration.ofSeconds(30));
  }

  public void bind(String source, String target, boolean readOnly) throws HostMountException {
    run(List.of("mount", "--rbind", "--", source, target), "bind-mount '" + source + "' at '" + target + "'");
    if (readOnly) {
      try {
        run(List.of("mount", "-o", "remount,bind,ro", "--", target), "make the bind mount at '" + target + "' read-only");
      } catch (HostMountException e) {
        try {
          unbind(target);
        } catch (HostMountException ignored) {
          // The first failure is the one to report; a later unmount call finds what is left.
        }
        throw e;
      }
    }
  }

  public void unbind(String target) throws HostMountException {
    run(List.of("umount", "--recursive", "--", target), "unmount '" + target + "'");
  }

  public boolean isMountPoint(String path) throws HostMountException {
    try {
      for (String line : Files.readAllLines(mountinfo, StandardCharsets.UTF_8)) {
        String[] fields = line.split(" ");
        if (fields.length > 4 && unescape(fields[4]).equals(path)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new HostMountException("Failed to read the mount table '" + mountinfo + "': " + e.getMessage(), e);
    }
  }

  /** The kernel writes space, tab, newline and backslash in paths as three-digit octal escapes. */
  public static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1) && isOctal(field, i + 2) && isOctal(field, i + 3)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int i) {
    return s.charAt(i) >= '0' && s.charAt(i) <= '7';
  }

  private void run(List<String> argv, String what) throws HostMountException {
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new HostMountException("Failed to " + what + ": cannot run " + argv.get(0) + ": " + e.getMessage(), e);
    }
    try (InputStream output = process.getInputStream()) {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new HostMountException("Failed to " + what + ": " + argv.get(0) + " did not finish within "
            + limit.toSeconds() + " s (killed)");
      }
      // mount and umount say at most a few lines; the process has ended, so this cannot block long.
      String said = new String(output.readNBytes(4096), StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        String last = said.isEmpty() ? argv.get(0) + " exited with status " + process.exitValue()
            : said.lines().reduce((a, b) -> b).orElse(said);
        throw new HostMountException("Failed to " + what + ": " + last);
      }
    } catch (IOException e) {
      throw new HostMountException("Failed to " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HostMountException("Failed to " + what + ": interrupted");
    }
  }
}
