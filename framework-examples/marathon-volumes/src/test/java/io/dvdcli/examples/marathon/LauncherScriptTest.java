package io.dvdcli.examples.marathon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real launcher, scripts/marathon-volumes, as a subprocess on the test class path. */
class LauncherScriptTest {

  private record Result(int exitCode, String out, String err) {}

  private static Result launch(String... args) throws IOException, InterruptedException {
    Path script = TestApps.root().resolve("scripts/marathon-volumes");
    List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("MARATHON_VOLUMES_CLASSPATH", System.getProperty("java.class.path"));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    // Read stderr on its own thread so neither pipe can fill up and block the child.
    java.util.concurrent.CompletableFuture<String> err =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
    return new Result(process.exitValue(), out, err.join());
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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
}
