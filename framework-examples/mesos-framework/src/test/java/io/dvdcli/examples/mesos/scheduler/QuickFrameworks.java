package io.dvdcli.examples.mesos.scheduler;

import io.dvdcli.examples.mesos.task.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A framework for tests against a scripted master on loopback: 10 ms back-off, its log in {@code log}. */
final class QuickFrameworks {
  private QuickFrameworks() {}

  static MesosFramework against(int port, TaskSpec task, ByteArrayOutputStream log) {
    FrameworkSettings settings = new FrameworkSettings("f", "u", "*", Duration.ofSeconds(30), Duration.ofSeconds(5),
        new ResubscribeBackoff(Duration.ofMillis(10), Duration.ofMillis(10)));
    return new MesosFramework(new MasterConnection(URI.create("http://127.0.0.1:" + port)), settings, task,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }
}
