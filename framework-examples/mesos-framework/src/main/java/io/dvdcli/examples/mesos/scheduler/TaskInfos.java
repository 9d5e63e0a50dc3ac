package io.dvdcli.examples.mesos.scheduler;

import io.dvdcli.examples.mesos.task.MesosVolumes;
import io.dvdcli.examples.mesos.task.TaskSpec;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/** Builds the TaskInfo of a LAUNCH: a shell command in a MESOS container with external volumes. */
public final class TaskInfos {
  private TaskInfos() {}

  public static TaskInfo build(TaskSpec spec, TaskID taskId, AgentID agentId, List<Resource> resources) {
    ContainerInfo.Builder container = ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS);
    spec.volumes().forEach(volume -> container.addVolumes(MesosVolumes.toMesos(volume)));
    return TaskInfo.newBuilder()
        .setName(spec.name())
        .setTaskId(taskId)
        .setAgentId(agentId)
        .addAllResources(resources)
        .setCommand(CommandInfo.newBuilder().setShell(true).setValue(spec.command()))
        .setContainer(container)
        .build();
  }
}
