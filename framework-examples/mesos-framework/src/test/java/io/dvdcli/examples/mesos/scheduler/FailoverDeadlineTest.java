package io.dvdcli.examples.mesos.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.mesos.task.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Item 5: the re-subscribe loop keeps to the failover timeout — its last attempt is at the
 * deadline, not up to one back-off step past it. A fake clock makes the minutes pass at once.
 */
class FailoverDeadlineTest {

  /** Advances only when the framework waits; records every attempt's time. */
  private static final class FakePacer implements Pacer {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> waits = new ArrayList<>();

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public void await(CountDownLatch stop, Duration delay) {
      waits.add(delay);
      now = now.plus(delay);
    }
  }

  @Test
  void theLastAttemptIsAtTheFailoverDeadlineNeverABackoffStepLater() {
    FakePacer pacer = new FakePacer();
    Instant start = pacer.now;
    List<Instant> attempts = new ArrayList<>();
    OkHttpClient refusing = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          attempts.add(pacer.now);
          throw new IOException("Connection refused");
        })
        .build();
    // Back-off 1, 2, 4, 8, 15 s: before the fix the fifth wait (15 s) ran to 30 s, 10 s past 20.
    FrameworkSettings settings = new FrameworkSettings("f", "u", "*", Duration.ofSeconds(20), Duration.ofSeconds(5),
        ResubscribeBackoff.DEFAULT);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MesosFramework framework = new MesosFramework(new MasterConnection(URI.create("http://127.0.0.1:1"), refusing),
        settings, new TaskSpec("t", "true", 0.1, 32, List.of()), new PrintStream(log, true, StandardCharsets.UTF_8),
        pacer);

    IOException failed = assertThrows(IOException.class, framework::run);

    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
        Duration.ofSeconds(5)), pacer.waits);
    assertEquals(start.plusSeconds(20), attempts.get(attempts.size() - 1));
    assertEquals(6, attempts.size());
    assertTrue(failed.getMessage().contains("within 20 s: Connection refused"), failed.getMessage());
  }
}
