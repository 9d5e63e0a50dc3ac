package io.dvdcli.localplugin.http;

import io.dvdcli.localplugin.driver.DirectoryVolume;
import io.dvdcli.untrusted.SecretKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The free-form {@code Status} of a {@code Get} answer: which consumers hold the volume mounted
 * and its Create options, so operators and tests can see them. Options whose key looks like a
 * credential are masked by the rule dvdcli's diagnostics use ({@link SecretKeys}); the driver
 * itself keeps them.
 */
final class StatusView {
  /** This page's own mask (its readers know it); which keys are masked is the shared rule. */
  static final String MASK = "********";

  private StatusView() {}

  static Map<String, Object> of(DirectoryVolume volume) {
    Map<String, String> options = SecretKeys.masked(volume.options(), MASK);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("mountIds", List.copyOf(volume.mountIds()));
    status.put("options", options);
    return status;
  }
}
