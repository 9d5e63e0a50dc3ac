package io.dvdcli.shim.cli;

import io.dvdcli.shim.VolumeRequest;
import io.dvdcli.untrusted.UntrustedText;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The value of one {@code --volume} argument, parsed into a request:
 * {@code driver=D,name=N[,container-path=P][,mode=rw|ro][,explicit-create][,opt=K=V]...}.
 * Option values containing commas need {@code --volumes-json}.
 */
final class VolumeArgument {
  private VolumeArgument() {}

  static VolumeRequest parse(String spec) {
    String driver = null;
    String name = null;
    String containerPath = null;
    VolumeRequest.Mode mode = VolumeRequest.Mode.RW;
    boolean explicitCreate = false;
    Map<String, String> options = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? null : part.substring(eq + 1);
      switch (key) {
        case "driver" -> driver = required(key, value, spec);
        case "name" -> name = required(key, value, spec);
        case "container-path" -> containerPath = required(key, value, spec);
        case "mode" -> mode = mode(required(key, value, spec));
        case "explicit-create" -> explicitCreate = value == null || Boolean.parseBoolean(value);
        case "opt" -> {
          String option = required(key, value, spec);
          int split = option.indexOf('=');
          if (split <= 0) {
            throw bad(spec, "opt needs KEY=VALUE");
          }
          options.put(option.substring(0, split), option.substring(split + 1));
        }
        default -> throw bad(spec, "unknown field '" + UntrustedText.quoted(key) + "'");
      }
    }
    if (driver == null || name == null) {
      throw bad(spec, "driver= and name= are required");
    }
    return new VolumeRequest(driver, name, options, containerPath, mode, explicitCreate);
  }

  static VolumeRequest.Mode mode(String value) {
    return switch (value.toUpperCase(Locale.ROOT)) {
      case "RW" -> VolumeRequest.Mode.RW;
      case "RO" -> VolumeRequest.Mode.RO;
      default -> throw new IllegalArgumentException("Invalid mode '" + UntrustedText.quoted(value) + "': must be RW or RO");
    };
  }

  private static String required(String key, String value, String spec) {
    if (value == null || value.isEmpty()) {
      throw bad(spec, key + " needs a value");
    }
    return value;
  }

  private static IllegalArgumentException bad(String spec, String why) {
    return new IllegalArgumentException("Invalid --volume '" + UntrustedText.quoted(spec) + "': " + why);
  }
}
