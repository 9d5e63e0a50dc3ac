package io.dvdcli.examples.mesos.task;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The one task the example framework runs: a shell command, its resources, its volumes. */
public record TaskSpec(String name, String command, double cpus, double memMegabytes, List<TaskVolume> volumes) {
  /** The task ID is {@code NAME.<uuid>}: a dot and 36 characters after the name. */
  public static final int TASK_ID_SUFFIX_BYTES = 37;
  /** Mesos's limit on any ID: NAME_MAX bytes (src/common/validation.cpp:52-56, 1.11.0). */
  public static final int MAX_ID_BYTES = 255;

  public TaskSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("task name must not be empty");
    }
    checkIdRules(name);
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("task command must not be empty");
    }
    if (!(cpus > 0) || Double.isInfinite(cpus)) {
      throw new IllegalArgumentException("task cpus must be a positive number, not " + cpus);
    }
    if (!(memMegabytes > 0) || Double.isInfinite(memMegabytes)) {
      throw new IllegalArgumentException("task mem must be a positive number of MB, not " + memMegabytes);
    }
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    long distinct = volumes.stream().map(v -> v.driver() + "/" + v.name()).distinct().count();
    if (distinct != volumes.size()) {
      // The docker/volume isolator fails a container that names one volume twice.
      throw new IllegalArgumentException("a task must not use the same volume (driver and name) twice");
    }
  }

  /**
   * The master refuses a task whose ID breaks Mesos's ID rules (src/common/validation.cpp:46-77,
   * applied to the task ID by src/master/validation.cpp:1348-1353): no '/', no '\\', no control
   * character, at most 255 bytes. Checked up front so the error is a usage error, not TASK_ERROR.
   */
  private static void checkIdRules(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("task name '" + name.replaceAll("\\p{Cntrl}", "?")
            + "' must not contain '/', '\\' or control characters (Mesos's rules for the task ID)");
      }
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes + TASK_ID_SUFFIX_BYTES > MAX_ID_BYTES) {
      throw new IllegalArgumentException("task name is " + bytes + " bytes; with the '.<uuid>' of the task ID it "
          + "must stay within Mesos's " + MAX_ID_BYTES + " bytes, so at most "
          + (MAX_ID_BYTES - TASK_ID_SUFFIX_BYTES) + " bytes");
    }
  }
}
