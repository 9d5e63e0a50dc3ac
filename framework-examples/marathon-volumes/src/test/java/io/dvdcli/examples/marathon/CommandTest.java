package io.dvdcli.examples.marathon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command run in-process through picocli: exit codes, and what goes to stdout and stderr. */
class CommandTest {
  private static final Path EXAMPLES = TestApps.examples();

  private record Run(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
  }

  private static Run run(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> argv = new ArrayList<>();
    for (Object arg : args) {
      argv.add(arg.toString());
    }
    int exitCode =
        Main.run(argv.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void validateSaysOkOnStdoutForValidApps() {
    Run run = run("validate", EXAMPLES.resolve("valid"));
    assertEquals(new Run(0, "OK: 6 apps, 6 dvdi volumes\n", ""), run);
  }

  /** Before AppValidation's rule (AppValidation.scala:121-127) was followed this exited 0. */
  @Test
  void twoSharedDvdiVolumesNamedAlikeInOneAppExitOne_appValidationScala122(@TempDir Path dir)
      throws Exception {
    Path app = dir.resolve("shared-twice.json");
    Files.writeString(app, """
        {"id": "/shared-twice", "container": {"type": "MESOS", "volumes": [
          {"containerPath": "a", "mode": "RW", "external": {"name": "vol", "provider": "dvdi",
           "shared": true, "options": {"dvdi/driver": "rexray"}}},
          {"containerPath": "b", "mode": "RW", "external": {"name": "vol", "provider": "dvdi",
           "shared": true, "options": {"dvdi/driver": "rexray"}}}]}}
        """);
    assertEquals(
        new Run(1, "", app + ": /container/volumes: Volume names must be unique\n"),
        run("validate", app));
  }

  @Test
  void validateListsEveryViolationOnStderrAndExitsOne() {
    Path invalid = EXAMPLES.resolve("invalid");
    Run run = run("validate", invalid);
    String label = "must match regular expression '^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$'";
    String key =
        "must match regular expression"
            + " '^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?/[A-Za-z0-9](?:[-A-Za-z0-9\\._:]*[A-Za-z0-9])?$'";
    Path conflicting = invalid.resolve("conflicting-group.json");
    Path docker = invalid.resolve("docker-with-options.json");
    Path noDriver = invalid.resolve("missing-driver.json");
    Path readOnly = invalid.resolve("read-only-mesos.json");
    Path rexray = invalid.resolve("rexray-options.json");
    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    assertEquals(
        List.of(
            docker + ": /container/volumes(0)/containerPath: can not be one of (.,..)",
            docker + ": /container/volumes(0)/external/options: must only contain dvdi/driver",
            docker
                + ": /container/volumes(0)/external/size: must be undefined for Docker containers",
            noDriver + ": /container/volumes(0)/external/name: must not be empty",
            noDriver + ": /container/volumes(0)/external/name: not defined",
            noDriver + ": /container/volumes(0)/external/options(\"dvdi/driver\"): not defined",
            readOnly + ": /container/volumes(0)/mode: does not equal RW",
            rexray + ": /container/volumes(0)/external/options/keys(\"size\"): " + key,
            rexray + ": /container/volumes(0)/external/options/\"dvdi/volumetype\": " + label,
            rexray
                + ": /container/volumes(0)/external/options/\"dvdi/iops\": Expected a valid,"
                + " positive integer instead of 0",
            rexray
                + ": /container/volumes(0)/external/options/\"dvdi/overwritefs\": Expected a valid"
                + " boolean",
            rexray + ": /container/volumes: Volume names must be unique",
            rexray
                + ": /: Requested DVDI volume 'rex-vol' is declared more than once within app"
                + " /bad/rexray-options",
            rexray
                + ": /: Number of instances is limited to 1 when declaring DVDI volumes in app"
                + " [/bad/rexray-options]",
            conflicting
                + ": /apps(0)/container: Volume name 'vol' in /nested/app1 conflicts with volume(s)"
                + " of same name in app(s): /nested/app2"),
        run.errLines());
  }

  @Test
  void aMissingPathAmongSeveralStopsTheRunWithExitTwo() {
    Path mysql = EXAMPLES.resolve("valid/rexray-mysql.json");
    Path missing = mysql.resolveSibling("missing.json");
    assertEquals(
        new Run(
            2, "", "Failed to read app definitions '" + missing + "': no such file or folder\n"),
        run("validate", mysql, missing));
  }

  @Test
  void twoFilesClaimingOneVolumeConflict(@TempDir Path dir) throws Exception {
    String app =
        "{\"id\":\"%s\",\"container\":{\"type\":\"MESOS\",\"volumes\":[{\"containerPath\":\"d\",\"mode\":\"RW\","
            + "\"external\":{\"name\":\"mysql-data\",\"provider\":\"dvdi\",\"options\":{\"dvdi/driver\":\"rexray\"}}}]}}";
    Path other = Files.writeString(dir.resolve("other.json"), app.formatted("/other"));
    Run run = run("validate", EXAMPLES.resolve("valid/rexray-mysql.json"), other);
    assertEquals(1, run.exitCode());
    assertEquals(
        List.of(
            EXAMPLES.resolve("valid/rexray-mysql.json")
                + ": /container: Volume name 'mysql-data' in /databases/mysql conflicts with"
                + " volume(s) of same name in app(s): /other",
            other
                + ": /container: Volume name 'mysql-data' in /other conflicts with volume(s) of"
                + " same name in app(s): /databases/mysql"),
        run.errLines());
  }

  @Test
  void translatePrintsMesosVolumesPerAppIdOnStdout() throws Exception {
    Run run = run("translate", EXAMPLES.resolve("valid/localvol-scratch.json"));
    assertEquals(0, run.exitCode());
    assertEquals("", run.err());
    JsonNode expected =
        new ObjectMapper()
            .readTree(
                "{\"/tools/scratch-writer\":[{\"container_path\":\"scratch\",\"mode\":\"RW\",\"source\":"
                    + "{\"type\":\"DOCKER_VOLUME\",\"docker_volume\":{\"driver\":\"localvol\",\"name\":\"scratch-1\"}}}]}");
    assertEquals(expected, new ObjectMapper().readTree(run.out()));
  }

  @Test
  void translateListsAppsWithoutDvdiVolumesWithNoVolumes(@TempDir Path dir) throws Exception {
    Path plain =
        Files.writeString(dir.resolve("plain.json"), "{\"id\":\"/plain\",\"cmd\":\"sleep 1\"}");
    Run run = run("translate", plain);
    assertEquals(0, run.exitCode());
    assertEquals(
        new ObjectMapper().readTree("{\"/plain\":[]}"), new ObjectMapper().readTree(run.out()));
  }

  @Test
  void translateRefusesInvalidAppsWithTheViolationsAndNoOutput() {
    Path readOnly = EXAMPLES.resolve("invalid/read-only-mesos.json");
    Run run = run("translate", readOnly);
    assertEquals(
        new Run(1, "", readOnly + ": /container/volumes(0)/mode: does not equal RW\n"), run);
  }

  @Test
  void managedPluginsNeedTheirFlag() {
    Path sshfs = EXAMPLES.resolve("managed-plugins/sshfs.json");
    assertEquals(1, run("validate", sshfs).exitCode());
    assertEquals(
        new Run(0, "OK: 1 apps, 1 dvdi volumes\n", ""),
        run("validate", "--allow-managed-plugins", sshfs));
    Run translated = run("translate", "--allow-managed-plugins", sshfs);
    assertEquals(0, translated.exitCode());
    assertTrue(translated.out().contains("\"driver\" : \"vieux/sshfs:latest\""), translated.out());
  }

  @Test
  void anUnreadableInputExitsTwoWithOneLine(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"id\":\"a\",");
    Run run = run("validate", broken);
    assertEquals(
        new Run(
            2,
            "",
            "Failed to read app definition '"
                + broken
                + "': not valid JSON at line 1, column 11: Unexpected end-of-input within/between"
                + " Object entries\n"),
        run);
  }

  @Test
  void usageErrorsExitTwoWithOneLine() {
    assertEquals(
        new Run(
            2,
            "",
            "marathon-volumes: Missing required parameter: 'PATH' (see marathon-volumes --help)\n"),
        run("validate"));
    assertEquals(
        new Run(
            2,
            "",
            "marathon-volumes: Missing subcommand: validate or translate (see marathon-volumes"
                + " --help)\n"),
        run());
    assertEquals(
        new Run(
            2, "", "marathon-volumes: Unknown option: '--strict' (see marathon-volumes --help)\n"),
        run("validate", "--strict", "x.json"));
    Run unknown = run("check", "x.json");
    assertEquals(2, unknown.exitCode());
    assertEquals(1, unknown.errLines().size(), unknown.err());
  }

  @Test
  void helpGoesToStdoutAndExitsZero() {
    Run run = run("--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("validate") && run.out().contains("translate"), run.out());
    assertEquals("", run.err());
  }
}
