package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.ExitCodes;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
  @TempDir Path tmp;

  private Dvdcli.Result dvdcli(String... args) throws Exception {
    return new InProcess(Dvdcli.emptyDir(tmp, "sockets"), Dvdcli.emptyDir(tmp, "specs")).run(args);
  }

  private List<String> listing(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aManagedPluginGetsAFolderKubeletLoadsAndAnExecutableThatNamesThePlugin() throws Exception {
    Path exec = tmp.resolve("exec");
    Dvdcli.Result r = dvdcli("flexvolume", "install", "--volumedriver=rexray/ebs:latest", "--plugin-dir", exec.toString(),
        "--dvdcli", Dvdcli.launcher().toString(), "--state-dir", "/var/lib/x");

    assertEquals(0, r.exit(), r.toString());
    Path executable = exec.resolve("dvdcli~rexray-ebs/rexray-ebs");
    assertEquals(executable + "\n", r.stdout());
    assertEquals(List.of("", "dvdcli~rexray-ebs", "dvdcli~rexray-ebs/rexray-ebs"), listing(exec), "no dot file is left");
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(executable)));
    String script = Files.readString(executable);
    assertTrue(script.contains("plugin='rexray/ebs:latest'\n"), script);
    assertTrue(script.contains("dvdcli='" + Dvdcli.launcher() + "'\n"), script);
    assertTrue(script.contains("${DVDCLI_FLEXVOLUME_STATE_DIR:-'/var/lib/x'}"), script);
  }

  @Test
  void reinstallReplacesTheExecutableAndUninstallRemovesTheFolder() throws Exception {
    Path exec = tmp.resolve("exec");
    String[] install = {"flexvolume", "install", "--volumedriver=localvol", "--plugin-dir", exec.toString(),
        "--dvdcli", Dvdcli.launcher().toString()};
    assertEquals(0, dvdcli(install).exit());
    assertEquals(0, dvdcli(install).exit());
    assertEquals(List.of("", "dvdcli~localvol", "dvdcli~localvol/localvol"), listing(exec));

    Dvdcli.Result removed = dvdcli("flexvolume", "uninstall", "--volumedriver=localvol", "--plugin-dir", exec.toString());

    assertEquals(0, removed.exit(), removed.toString());
    assertEquals(List.of(""), listing(exec));
  }

  @Test
  void aDriverNameKubeletWouldNotLoadIsAUsageError() throws Exception {
    Dvdcli.Result r = dvdcli("flexvolume", "install", "--volumedriver=localvol", "--driver-name=a/b",
        "--plugin-dir", tmp.resolve("exec").toString(), "--dvdcli", Dvdcli.launcher().toString());

    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.lastStderrLine().contains("cannot be a Flexvolume driver name"), r.stderr());
    assertFalse(Files.exists(tmp.resolve("exec")));
  }
}
