package io.dvdcli.flexvolume;

import java.util.Map;

/**
 * TEST SEAM, not for production use. With {@code DVDCLI_FLEXVOLUME_PAUSE_AT=<step>} (e.g. {@code
 * mount:after-plugin-mount}) a driver call that reaches that step waits until it is killed, so a
 * test can kill -9 it exactly there and check that the next calls finish the job. It prints nothing:
 * the test watches the plugin's state instead.
 */
public final class PauseSeam {
  public static final String VARIABLE = "DVDCLI_FLEXVOLUME_PAUSE_AT";

  private PauseSeam() {}

  public static FlexvolumeDriver.Steps fromEnvironment(Map<String, String> env) {
    String at = env.get(VARIABLE);
    if (at == null || at.isEmpty()) {
      return FlexvolumeDriver.Steps.NONE;
    }
    return step -> {
      if (step.equals(at)) {
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
