package io.dvdcli.examples.mesos.task;

/** Defaults shared by the command-line flags and the task file. */
public final class TaskDefaults {
  public static final String NAME = "dvdcli-example-task";
  public static final double CPUS = 0.1;
  public static final double MEM = 32;

  private TaskDefaults() {}
}
