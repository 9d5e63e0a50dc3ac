package io.dvdcli.plugin.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  @ParameterizedTest(name = "retry {0} waits {1} s")
  @CsvSource({"0,1", "1,2", "2,4", "3,8", "4,16", "5,30", "6,30", "40,30"})
  void waitsDoubleFromOneSecondAndAreCappedAtThirty(int retries, long seconds) {
    assertEquals(Duration.ofSeconds(seconds), Backoff.docker().delay(retries));
  }

  @ParameterizedTest(name = "after {0} s a wait of {1} s: gives up = {2}")
  @CsvSource({"0,1,false", "14,8,false", "15,16,true", "29,1,true", "0,30,true", "14.5,16,true", "13.5,16,false"})
  void givesUpWhenTheNextWaitWouldReachTheBudget(double elapsed, long wait, boolean givesUp) {
    Duration e = Duration.ofMillis((long) (elapsed * 1000));
    assertEquals(givesUp, Backoff.docker().givesUp(e, Duration.ofSeconds(wait)));
  }

  @Test
  void dockersThirtySecondBudgetAllowsWaitsOfOneTwoFourAndEightSeconds() {
    Backoff b = Backoff.docker();
    List<Long> waits = new ArrayList<>();
    Duration elapsed = Duration.ZERO;
    for (int retries = 0; ; retries++) {
      Duration wait = b.delay(retries);
      if (b.givesUp(elapsed, wait)) {
        break;
      }
      waits.add(wait.toSeconds());
      elapsed = elapsed.plus(wait);
    }
    assertEquals(List.of(1L, 2L, 4L, 8L), waits);
  }

  @Test
  void aZeroBudgetNeverRetries() {
    assertEquals(true, new Backoff(Duration.ZERO).givesUp(Duration.ZERO, Duration.ofSeconds(1)));
  }

  @Test
  void aNegativeBudgetIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(-1)));
  }

  @ParameterizedTest(name = "retry {0} after {1} s with {2} s left -> wait {3}")
  @CsvSource({
      "0, 0, 100, 1",     // the first retry waits 1 s
      "3, 10, 100, 8",    // 1, 2, 4, then 8 s
      "3, 25, 100, -",    // Docker's rule: 25 s spent + 8 s would pass the 30 s budget
      "0, 0, 1, -",       // the command's deadline would pass during the wait
      "1, 3, 60, 2"})
  void findingAndCallingRetryByOneRuleDockersBudgetAndTheCommandsDeadline(
      int retries, int elapsedSeconds, int secondsLeft, String expected) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(secondsLeft));
    assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(expected))),
        Backoff.docker().nextWait(retries, Duration.ofSeconds(elapsedSeconds), deadline));
  }
}
