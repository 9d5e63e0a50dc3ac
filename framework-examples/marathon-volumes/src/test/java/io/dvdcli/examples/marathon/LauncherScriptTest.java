package io.dvdcli.examples.marathon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real launcher, scripts/marathon-volumes, as a subprocess on the test class path. */
class LauncherScriptTest {

  private record Result(int exitCode, String out, String err) {}

  private static Result launch(String... args) throws IOException, InterruptedException {
    Path script = TestApps.root().resolve("scripts/marathon-volumes");
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("MARATHON_VOLUMES_CLASSPATH", System.getProperty("java.class.path"));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    // Read stderr on its own thread so neither pipe can fill up and block the child.
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
    return new Result(process.exitValue(), out, err.join());
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theLauncherValidatesTheExamplesAndKeepsStdoutToTheAnswer() throws Exception {
    Path valid = TestApps.examples().resolve("valid");
    assertEquals(
        new Result(0, "OK: 6 apps, 6 dvdi volumes\n", ""), launch("validate", valid.toString()));
  }

  @Test
  void theLauncherPassesTheExitCodeOfAViolationThrough() throws Exception {
    Path readOnly = TestApps.examples().resolve("invalid/read-only-mesos.json");
    assertEquals(
        new Result(1, "", readOnly + ": /container/volumes(0)/mode: does not equal RW\n"),
        launch("translate", readOnly.toString()));
  }

  @Test
  void theLauncherTranslatesWithNothingButTheJsonOnStdoutAndNothingOnStderr() throws Exception {
    // Guards against protobuf 4 logging about the Mesos jar's 3.x generated code on stderr.
    Path scratch = TestApps.examples().resolve("valid/localvol-scratch.json");
    Result result = launch("translate", scratch.toString());
    assertEquals(0, result.exitCode());
    assertEquals("", result.err());
    assertEquals(
        new ObjectMapper()
            .readTree(
                "{\"/tools/scratch-writer\":[{\"container_path\":\"scratch\",\"mode\":\"RW\","
                    + "\"source\":{\"type\":\"DOCKER_VOLUME\",\"docker_volume\":"
                    + "{\"driver\":\"localvol\",\"name\":\"scratch-1\"}}}]}"),
        new ObjectMapper().readTree(result.out()));
  }
}
