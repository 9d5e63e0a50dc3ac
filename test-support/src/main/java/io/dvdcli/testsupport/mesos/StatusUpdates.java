package io.dvdcli.testsupport.mesos;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Builds TaskStatus messages the way an agent stamps them. */
final class StatusUpdates {
  private StatusUpdates() {}

  /** A reliable update: it carries a fresh uuid and is resent until acknowledged. */
  static TaskStatus reliable(TaskID task, AgentID agent, TaskState state, TaskStatus.Source source,
      TaskStatus.Reason reason, String message) {
    return base(task, agent, state, source, reason, message).setUuid(uuid()).build();
  }

  /** An update without a uuid (reconciliation, master-side verdicts): never acknowledged. */
  static TaskStatus unreliable(TaskID task, AgentID agent, TaskState state, TaskStatus.Source source,
      TaskStatus.Reason reason, String message) {
    return base(task, agent, state, source, reason, message).build();
  }

  private static TaskStatus.Builder base(TaskID task, AgentID agent, TaskState state,
      TaskStatus.Source source, TaskStatus.Reason reason, String message) {
    TaskStatus.Builder status = TaskStatus.newBuilder()
        .setTaskId(task)
        .setAgentId(agent)
        .setState(state)
        .setSource(source)
        .setTimestamp(System.currentTimeMillis() / 1000.0);
    if (reason != null) {
      status.setReason(reason);
    }
    if (message != null) {
      status.setMessage(message);
    }
    return status;
  }

  private static ByteString uuid() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return ByteString.copyFrom(bytes.array());
  }
}
