package io.dvdcli.shim;

import java.util.List;

/**
 * The answer to {@link VolumeIsolator#recover}: live containers whose records were found, orphans
 * cleaned up, volumes unmounted, warnings (e.g. an empty checkpoint), and failures (unmounts that
 * failed and stay recorded for the next cleanup or recover). Success means no failures.
 */
public record RecoverResult(
    List<String> recovered,
    List<String> orphansCleanedUp,
    List<String> unmounted,
    List<String> warnings,
    List<String> failures) {
  public RecoverResult {
    recovered = List.copyOf(recovered);
    orphansCleanedUp = List.copyOf(orphansCleanedUp);
    unmounted = List.copyOf(unmounted);
    warnings = List.copyOf(warnings);
    failures = List.copyOf(failures);
  }

  public boolean succeeded() {
    return failures.isEmpty();
  }
}
