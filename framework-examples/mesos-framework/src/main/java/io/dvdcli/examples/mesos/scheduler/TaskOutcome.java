package io.dvdcli.examples.mesos.scheduler;

import org.apache.mesos.v1.Protos.TaskState;

/** How the framework's task ended, and the exit code that reports it. */
public record TaskOutcome(String taskId, TaskState state, String message) {

  public int exitCode() {
    return state == TaskState.TASK_FINISHED ? 0 : 1;
  }

  /** Terminal states per Mesos's {@code protobuf::isTerminalState}. */
  public static boolean isTerminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_LOST, TASK_ERROR, TASK_DROPPED, TASK_GONE,
          TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }
}
