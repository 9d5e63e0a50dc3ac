package io.dvdcli.examples.marathon.translation;

import io.dvdcli.examples.marathon.app.ExternalVolume;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options the agent hands to the driver (dvdcli's {@code --volumeopts}): every {@code dvdi/*}
 * option but the driver itself (in any case), with the prefix cut and the value trimmed; {@code
 * external.size} becomes {@code size} and wins over a {@code dvdi/size} option.
 */
final class DriverOptions {
  private static final String PREFIX = ExternalVolume.DVDI + "/";

  private DriverOptions() {}

  static Map<String, String> of(ExternalVolume volume) {
    Map<String, String> declared = new LinkedHashMap<>(volume.options());
    if (volume.size() != null) {
      declared.put(PREFIX + "size", Long.toString(volume.size()));
    }
    Map<String, String> forwarded = new LinkedHashMap<>();
    declared.forEach(
        (key, value) -> {
          boolean isDriver = key.toLowerCase(Locale.ROOT).equals(ExternalVolume.DRIVER_OPTION);
          if (key.startsWith(PREFIX) && !isDriver) {
            // String.trim, like the JVM trim Marathon calls: it cuts every char up to U+0020.
            forwarded.put(key.substring(PREFIX.length()), value.trim());
          }
        });
    return forwarded;
  }
}
