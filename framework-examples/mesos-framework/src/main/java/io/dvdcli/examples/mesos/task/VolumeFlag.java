package io.dvdcli.examples.mesos.task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code --volume} flag, modelled on Docker's {@code --mount}:
 * {@code driver=D,name=N,path=P[,mode=RW|RO][,opt=KEY=VALUE]...}. Values cannot contain commas;
 * a task file has no such limit.
 */
public final class VolumeFlag {
  private VolumeFlag() {}

  public static TaskVolume parse(String flag) {
    String driver = null;
    String name = null;
    String path = null;
    VolumeMode mode = VolumeMode.RW;
    Map<String, String> options = new LinkedHashMap<>();
    for (String field : flag.split(",", -1)) {
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "volume field '" + field + "' is not KEY=VALUE (expected driver=D,name=N,path=P[,mode=RW|RO][,opt=K=V])");
      }
      String key = field.substring(0, eq).trim();
      String value = field.substring(eq + 1);
      switch (key) {
        case "driver" -> driver = value;
        case "name" -> name = value;
        case "path" -> path = value;
        case "mode" -> mode = VolumeMode.parse(value);
        case "opt" -> {
          int optEq = value.indexOf('=');
          if (optEq <= 0) {
            throw new IllegalArgumentException("volume option '" + value + "' is not KEY=VALUE");
          }
          // The agent keeps driver options in a hash map (isolator.cpp:407-412 in Mesos 1.11.0):
          // a key given twice would silently lose one value there, so refuse it here.
          if (options.putIfAbsent(value.substring(0, optEq), value.substring(optEq + 1)) != null) {
            throw new IllegalArgumentException("volume option '" + value.substring(0, optEq)
                + "' is given twice (the agent keeps one value per key)");
          }
        }
        default -> throw new IllegalArgumentException(
            "unknown volume field '" + key + "' (known: driver, name, path, mode, opt)");
      }
    }
    return new TaskVolume(driver, name, options, path, mode);
  }
}
