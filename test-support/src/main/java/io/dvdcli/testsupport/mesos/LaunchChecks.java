package io.dvdcli.testsupport.mesos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;

/**
 * The master's checks of one task of a LAUNCH, in its order (validation::task::validate,
 * src/master/validation.cpp:1619-1651 and 1655-1796 in 1.11.0); a failure becomes TASK_ERROR with
 * REASON_TASK_INVALID and the message as the master words it. Not modelled: kill policy, checks,
 * health checks, resource limits, executors (the stand-in agent runs command tasks only).
 */
final class LaunchChecks {
  /** Mesos keeps scalars to three decimals. */
  private static final double EPSILON = 0.0005;

  private final AgentID agent;
  private final Predicate<String> knownTask;
  private final Resource.AllocationInfo offerAllocation;
  /** What the offer still holds, per resource identity (all but the amount). */
  private final Map<Resource, Double> available = new LinkedHashMap<>();

  LaunchChecks(AgentID agent, Predicate<String> knownTask, List<Resource> offered) {
    this.agent = agent;
    this.knownTask = knownTask;
    this.offerAllocation = offered.isEmpty() ? Resource.AllocationInfo.getDefaultInstance()
        : offered.get(0).getAllocationInfo();
    offered.forEach(resource -> available.merge(identity(resource), resource.getScalar().getValue(), Double::sum));
  }

  /**
   * The task's resources as the master sees them: the offer's allocation info injected where the
   * scheduler left it out (src/master/master.cpp:4260-4268).
   */
  List<Resource> normalized(TaskInfo task) {
    List<Resource> resources = new ArrayList<>();
    for (Resource resource : task.getResourcesList()) {
      resources.add(resource.hasAllocationInfo() ? resource
          : resource.toBuilder().setAllocationInfo(offerAllocation).build());
    }
    return resources;
  }

  /** Why the master refuses the task, or empty; a task that passes takes its resources from the offer. */
  Optional<String> refusal(TaskInfo task) {
    Optional<String> error = Ids.error(task.getTaskId().getValue()); // validation.cpp:1348-1353
    if (error.isPresent()) {
      return error;
    }
    if (knownTask.test(task.getTaskId().getValue())) {
      return Optional.of("Task has duplicate ID: " + task.getTaskId().getValue()); // validation.cpp:1358-1364
    }
    if (!task.getAgentId().equals(agent)) {
      return Optional.of("Task uses invalid agent " + task.getAgentId().getValue() + " while agent "
          + agent.getValue() + " is expected"); // validation.cpp:1379-1388
    }
    List<Resource> resources = normalized(task);
    if (resources.isEmpty()) {
      return Optional.of("Task uses no resources"); // validation.cpp:1443-1447
    }
    error = singleRole(resources);
    if (error.isPresent()) {
      return error;
    }
    error = containerError(task);
    if (error.isPresent()) {
      return error;
    }
    if (task.hasExecutor() == task.hasCommand()) {
      return Optional.of("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
    }
    if (task.hasExecutor()) {
      return Optional.of("The stand-in agent runs command tasks only (CommandInfo set, no ExecutorInfo)");
    }
    return take(resources);
  }

  /** resource::validateAllocatedToSingleRole (validation.cpp:978-1004), after the injection. */
  private static Optional<String> singleRole(List<Resource> resources) {
    String first = resources.get(0).getAllocationInfo().getRole();
    for (Resource resource : resources) {
      if (!resource.getAllocationInfo().hasRole()) {
        return Optional.of("Invalid task resources: The resources are not allocated to a role");
      }
      String role = resource.getAllocationInfo().getRole();
      if (!role.equals(first)) {
        return Optional.of("Invalid task resources: The resources have multiple allocation roles ('" + role
            + "' and '" + first + "') but only one allocation role is allowed");
      }
    }
    return Optional.empty();
  }

  /** common::validation::validateVolume for each volume (src/common/validation.cpp:213-272, 291-297). */
  private static Optional<String> containerError(TaskInfo task) {
    if (!task.hasContainer()) {
      return Optional.empty();
    }
    for (Volume volume : task.getContainer().getVolumesList()) {
      int sources = (volume.hasHostPath() ? 1 : 0) + (volume.hasImage() ? 1 : 0) + (volume.hasSource() ? 1 : 0);
      String error = null;
      if (sources != 1) {
        error = "Only one of them should be set: 'host_path', 'image' and 'source'";
      } else if (volume.hasSource() && volume.getSource().getType() == Volume.Source.Type.DOCKER_VOLUME
          && !volume.getSource().hasDockerVolume()) {
        error = "'source.docker_volume' is not set for DOCKER_VOLUME volume";
      } else if (volume.hasSource() && volume.getSource().getType() == Volume.Source.Type.UNKNOWN) {
        error = "'source.type' is unknown";
      }
      if (error != null) {
        return Optional.of("Task's `ContainerInfo` is invalid: Invalid volume: " + error);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code offered.contains(total)} (validation.cpp:1762-1766): resources count as the same only
   * when everything but the amount is equal — name, type, allocation role, reservations, disk,
   * revocable — so cpus offered to role "a" do not cover cpus of role "b".
   */
  private Optional<String> take(List<Resource> resources) {
    Map<Resource, Double> wanted = new LinkedHashMap<>();
    for (Resource resource : resources) {
      wanted.merge(identity(resource), resource.getScalar().getValue(), Double::sum);
    }
    for (Map.Entry<Resource, Double> entry : wanted.entrySet()) {
      if (entry.getKey().getType() != Value.Type.SCALAR
          || entry.getValue() > available.getOrDefault(entry.getKey(), 0.0) + EPSILON) {
        return Optional.of("Total resources " + describe(wanted) + " required by task and its executor is more "
            + "than available " + describe(available));
      }
    }
    wanted.forEach((key, amount) -> available.merge(key, -amount, Double::sum));
    return Optional.empty();
  }

  static double scalar(List<Resource> resources, String name) {
    return resources.stream()
        .filter(r -> r.getName().equals(name) && r.getType() == Value.Type.SCALAR)
        .mapToDouble(r -> r.getScalar().getValue())
        .sum();
  }

  private static Resource identity(Resource resource) {
    return resource.toBuilder().clearScalar().build();
  }

  /** Close to Mesos's stringify(Resources): {@code cpus(allocated: r):0.5; mem(allocated: r):32}. */
  private static String describe(Map<Resource, Double> resources) {
    List<String> parts = new ArrayList<>();
    resources.forEach((key, amount) -> {
      StringBuilder part = new StringBuilder(key.getName()).append("(allocated: ")
          .append(key.getAllocationInfo().getRole()).append(')');
      key.getReservationsList().forEach(r -> part.append("(reservation: ").append(r.getRole()).append(')'));
      parts.add(part.append(':').append(format(amount)).toString());
    });
    return String.join("; ", parts);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
