package io.dvdcli.localplugin.http;

import io.dvdcli.localplugin.driver.DirectoryVolume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The free-form {@code Status} of a {@code Get} answer: which consumers hold the volume mounted
 * and its Create options, so operators and tests can see them. Options whose key looks like a
 * credential are masked; the driver itself keeps them.
 */
final class StatusView {
  static final String MASK = "********";
  private static final List<String> SECRET_WORDS =
      List.of("password", "passwd", "secret", "token", "key", "credential");

  private StatusView() {}

  static Map<String, Object> of(DirectoryVolume volume) {
    Map<String, String> options = new TreeMap<>();
    volume.options().forEach((k, v) -> options.put(k, looksSecret(k) ? MASK : v));
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("mountIds", List.copyOf(volume.mountIds()));
    status.put("options", options);
    return status;
  }

  static boolean looksSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }
}
