package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flag parsing alone, in-process: errors are one line on stderr and status 2. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --root /tmp/x       | local-volume-plugin: --socket PATH or --tcp 127.0.0.1:PORT is required (see --help)
          --tcp 10.0.0.1:80   | local-volume-plugin: Invalid value for option '--tcp': '10.0.0.1:80' is not 127.0.0.1:PORT (the plugin listens on loopback only) (see --help)
          --tcp 127.0.0.1:x   | local-volume-plugin: Invalid value for option '--tcp': '127.0.0.1:x' has no port between 0 and 65535 (see --help)
          --socket            | local-volume-plugin: Missing required parameter for option '--socket' (PATH) (see --help)
          --bogus             | local-volume-plugin: Unknown option: '--bogus' (see --help)
          extra               | local-volume-plugin: Unmatched argument at index 0: 'extra' (see --help)
          """)
  void badFlagsFailWithOneLineAndStatusTwo(String args, String message) {
    assertEquals(2, run(args.split(" ")));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(message + "\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpGoesToStdoutAndSucceeds() {
    assertEquals(0, run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertEquals(true, help.startsWith("Usage: local-volume-plugin"), help);
    assertEquals(true, help.contains("--socket=PATH"), help);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
