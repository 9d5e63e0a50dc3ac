package io.dvdcli.shim.cli;

import io.dvdcli.shim.StepHook;
import java.util.Map;

/**
 * TEST SEAM, not for production use. With {@code ISOLATOR_SHIM_CRASH_AT=<step>} (e.g. {@code
 * prepare:after-checkpoint}, {@code cleanup:after-release}) the shim prints {@code paused at
 * <step>} to stderr when it reaches that step and then waits forever, so that a test can kill -9
 * it exactly there and check that {@code recover} finishes the job.
 */
final class CrashSeam {
  static final String VARIABLE = "ISOLATOR_SHIM_CRASH_AT";

  private CrashSeam() {}

  static StepHook fromEnvironment(Map<String, String> environment) {
    String at = environment.get(VARIABLE);
    if (at == null || at.isEmpty()) {
      return StepHook.NONE;
    }
    return step -> {
      if (step.equals(at)) {
        System.err.println("isolator-shim: test seam: paused at " + step);
        System.err.flush();
        while (true) {
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException ignored) {
            // Only kill -9 ends this pause: that is its purpose.
          }
        }
      }
    };
  }
}
