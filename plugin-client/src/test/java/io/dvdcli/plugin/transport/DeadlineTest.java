package io.dvdcli.plugin.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final Deadline deadline = new Deadline(Duration.ofSeconds(100), now::get);

  @Test
  void aCallGetsItsOwnLimitWhileTheDeadlineIsFarAway() {
    assertEquals(Duration.ofSeconds(60), deadline.cap(Duration.ofSeconds(60)));
  }

  @Test
  void aCallIsCutToWhatIsLeftOfTheCommandsTime() {
    now.addAndGet(Duration.ofSeconds(90).toNanos());
    assertEquals(Duration.ofSeconds(10), deadline.cap(Duration.ofSeconds(60)));
  }

  @Test
  void anExpiredDeadlineLeavesNothing() {
    now.addAndGet(Duration.ofSeconds(150).toNanos());
    assertTrue(deadline.expired());
    assertEquals(Duration.ZERO, deadline.cap(Duration.ofSeconds(60)));
  }
}
