package io.dvdcli.examples.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Flag parsing alone, and what a usage error looks like. */
class RunFrameworkCommandTest {

  @Test
  void flagsDescribeTheTaskAndItsVolumes() {
    RunFrameworkCommand run = parse("--master", "http://m:5050", "--command", "echo hi", "--cpus", "0.5",
        "--volume", "driver=local,name=v1,path=data", "--volume", "driver=rexray,name=v2,path=logs,mode=RO");
    assertEquals(List.of(URI.create("http://m:5050")), run.masters);
    assertEquals("echo hi", run.source.flags.command);
    assertEquals(0.5, run.source.flags.cpus);
    assertEquals(32.0, run.source.flags.mem);
    assertEquals(List.of("driver=local,name=v1,path=data", "driver=rexray,name=v2,path=logs,mode=RO"),
        run.source.flags.volumes);
  }

  /** Item 2: every master of the cluster can be named, so a failover does not strand the framework. */
  @Test
  void severalMastersCanBeGivenRepeatedOrCommaSeparated() {
    RunFrameworkCommand run = parse("--master", "http://m1:5050,http://m2:5050", "--master", "http://m3:5050",
        "--command", "true");
    assertEquals(List.of(URI.create("http://m1:5050"), URI.create("http://m2:5050"), URI.create("http://m3:5050")),
        run.masters);
  }

  @Test
  void aTaskFileExcludesTaskFlags() {
    assertThrows(CommandLine.ParameterException.class,
        () -> parse("--master", "http://m:5050", "--task-file", "t.json", "--command", "true"));
  }

  @Test
  void theMasterIsRequired() {
    assertThrows(CommandLine.ParameterException.class, () -> parse("--command", "true"));
  }

  @Test
  void aBadVolumeFlagIsOneLineOnStderrAndExitCodeTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.execute("run", "--master", "http://127.0.0.1:1", "--command", "true", "--volume", "driver=local");
    } finally {
      System.setErr(saved);
    }
    assertEquals(2, code);
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals("mesos-framework: volume name must not be empty (see --help)\n", text);
    assertTrue(text.lines().count() == 1);
  }

  private static RunFrameworkCommand parse(String... args) {
    RunFrameworkCommand run = new RunFrameworkCommand();
    new CommandLine(run).parseArgs(args);
    return run;
  }
}
