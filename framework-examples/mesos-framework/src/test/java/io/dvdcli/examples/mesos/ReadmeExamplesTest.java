package io.dvdcli.examples.mesos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Item 4: the README's commands for a real cluster must work there. With the agent's default
 * {@code --switch_user} the task runs as FrameworkInfo.user, who must exist on every agent
 * (src/slave/flags.cpp:378-390, 1.11.0), and the volume is given to that user only with
 * {@code --docker_volume_chown} (flags.cpp:269-275, default false): so every example names
 * {@code --user} and the README says which agent flags each choice needs.
 */
class ReadmeExamplesTest {
  private static final Path README = Path.of("README.md");

  @Test
  void everyRunExampleNamesTheUserAndParses() throws IOException {
    List<String> examples = runExamples();
    assertFalse(examples.isEmpty(), "the README shows how to run against a real master");
    for (String example : examples) {
      assertTrue(example.contains("--user "), "no --user in: " + example);
      List<String> args = new ArrayList<>(List.of(example.substring(example.indexOf(" run ") + 5)
          .replace("\\", " ").trim().split("\\s+(?=--)")));
      List<String> argv = new ArrayList<>();
      for (String arg : args) {
        int space = arg.indexOf(' ');
        argv.add(space < 0 ? arg : arg.substring(0, space));
        if (space >= 0) {
          argv.add(unquote(arg.substring(space + 1).trim()));
        }
      }
      new CommandLine(new RunFrameworkCommand()).parseArgs(argv.toArray(String[]::new));
    }
  }

  @Test
  void theReadmeNamesWhatARealClusterNeeds() throws IOException {
    String text = Files.readString(README);
    for (String needed : List.of("--switch_user", "--docker_volume_chown", "--roles", "--root_submissions",
        "--isolation=filesystem/linux,docker/volume", "--master http://master-1:5050")) {
      assertTrue(text.contains(needed), "README does not mention " + needed);
    }
  }

  /** Each {@code scripts/mesos-framework run} command, continuation lines joined. */
  private static List<String> runExamples() throws IOException {
    List<String> examples = new ArrayList<>();
    StringBuilder current = null;
    for (String line : Files.readAllLines(README)) {
      if (current == null && line.startsWith("scripts/mesos-framework run ")) {
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
        if (!line.endsWith("\\")) {
          examples.add(current.toString().trim());
          current = null;
        }
      }
    }
    return examples;
  }

  private static String unquote(String value) {
    return value.length() > 1 && value.startsWith("'") && value.endsWith("'") ? value.substring(1, value.length() - 1)
        : value;
  }
}
