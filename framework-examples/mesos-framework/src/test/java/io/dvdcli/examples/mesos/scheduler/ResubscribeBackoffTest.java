package io.dvdcli.examples.mesos.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResubscribeBackoffTest {

  @ParameterizedTest(name = "attempt {0} waits {1} ms")
  @CsvSource({"0, 1000", "1, 2000", "2, 4000", "3, 8000", "4, 15000", "5, 15000", "40, 15000"})
  void theDefaultDoublesFromOneSecondUpToFifteen(int attempt, long millis) {
    assertEquals(Duration.ofMillis(millis), ResubscribeBackoff.DEFAULT.delay(attempt));
  }

  @Test
  void aMaximumBelowTheInitialWaitIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ResubscribeBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }

  @Test
  void aZeroInitialWaitIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ResubscribeBackoff(Duration.ZERO, Duration.ofSeconds(1)));
  }
}
