package io.dvdcli.examples.scheduler.task;

import java.util.List;

/** The one task the example framework runs: a shell command, its resources, its volumes. */
public record TaskSpec(String name, String command, double cpus, double memMegabytes, List<VolumeSpec> volumes) {

  public TaskSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("task name must not be empty");
    }
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
}
