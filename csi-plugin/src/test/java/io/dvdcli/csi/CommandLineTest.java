package io.dvdcli.csi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad flags and environment: one line on stderr, exit 2, nothing served; a stop ends cleanly. */
class CommandLineTest {
  @TempDir
  Path tmp;

  private record Run(int code, String err) {}

  private Run run(Map<String, String> env, CountDownLatch stop, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CsiMain.run(args, env, new PrintStream(err, true, StandardCharsets.UTF_8), stop);
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no endpoint|                                          |no endpoint: give --endpoint",
      "tcp endpoint|--endpoint=tcp://127.0.0.1:10000       |must be a UNIX socket",
      "relative endpoint|--endpoint=unix://csi.sock        |must be an absolute path",
      "bad name|--endpoint=unix:///tmp/x.sock --name=-bad- |must be at most 63 letters",
      "bad mode|--endpoint=unix:///tmp/x.sock --mode=both  |Invalid value for option '--mode'",
      "unknown flag|--endpoint=unix:///tmp/x.sock --colour |Unknown option: '--colour'",
      "driver with #|--endpoint=unix:///tmp/x.sock --volumedriver=a#b|cannot hold '#'",
      "bad retry|--endpoint=unix:///tmp/x.sock --retry-timeout=-1|--retry-timeout must be between 0 and 86400 seconds",
      "bad concurrency|--endpoint=unix:///tmp/x.sock --plugin-concurrency=0|must be between 1 and 1024",
  })
  void badInputIsOneLineAndExitTwo(String what, String args, String expected) {
    String[] argv = args == null ? new String[0] : args.trim().split(" ");
    Run r = run(Map.of(), new CountDownLatch(0), argv);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void theEnvironmentStandsInForEveryFlagAndAStopRemovesTheSocket() throws Exception {
    Path socket = tmp.resolve("run/csi.sock");
    CountDownLatch stop = new CountDownLatch(1);
    Thread stopper = new Thread(() -> {
      try {
        while (!Files.exists(socket)) {
          Thread.sleep(10);
        }
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      stop.countDown();
    });
    stopper.start();
    Run r = run(Map.of("CSI_ENDPOINT", "unix://" + socket, "NODE_ID", "node-from-env",
        "DVDCLI_CSI_VOLUMEDRIVER", "rclone", "DVDCLI_CSI_MODE", "node", "DVDCLI_CSI_STATE_DIR", tmp.resolve("s").toString(),
        "DVDCLI_CSI_NAME", "csi.example.com"), stop);
    stopper.join(10_000);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("csi.example.com"), r.err());
    assertTrue(r.err().contains("serving node on unix://" + socket + " (node node-from-env, default plugin rclone"), r.err());
    assertFalse(Files.exists(socket), "the socket is removed on stop");
  }

  @Test
  void aStaleSocketIsReplacedButAnOrdinaryFileIsNot() throws Exception {
    Path file = Files.writeString(tmp.resolve("csi.sock"), "not a socket");
    Run r = run(Map.of(), new CountDownLatch(0), "--endpoint=unix://" + file, "--state-dir=" + tmp.resolve("s"));
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("is not a socket; refusing to replace it"), r.err());
    assertEquals(List.of("not a socket"), Files.readAllLines(file));
  }
}
