package io.dvdcli.csi.node;

import java.util.Map;

/**
 * Named points in a publish or unpublish, where a test kills the server (kill -9) to check that
 * the next calls finish the job. TEST SEAM, not for production use: with {@code
 * DVDCLI_CSI_PAUSE_AT=<step>} a call that reaches the step waits until the process is killed.
 */
public interface Steps {
  String VARIABLE = "DVDCLI_CSI_PAUSE_AT";
  Steps NONE = step -> {};

  void reached(String step);

  static Steps fromEnvironment(Map<String, String> env) {
    String at = env.get(VARIABLE);
    if (at == null || at.isEmpty()) {
      return NONE;
    }
    return step -> {
      if (step.equals(at)) {
        System.err.println("dvdcli-csi: paused at " + step + " (" + VARIABLE + ")");
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
