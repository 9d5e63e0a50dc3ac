package io.dvdcli.examples.scheduler.standin;

import io.dvdcli.examples.scheduler.task.MesosVolumes;
import io.dvdcli.examples.scheduler.task.VolumeSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Volume;

/**
 * The agent half of the test double: runs a launched command task the way a Mesos agent with the
 * {@code docker/volume} isolator would, minus the Linux isolation it cannot have here.
 *
 * <p>Per task: a container id and a sandbox folder; the isolator mounts the external volumes
 * (prepare); each volume appears at its sandbox-relative container path, as a symbolic link to the
 * host path because a non-root process cannot bind-mount; the command runs under {@code sh -c}
 * in the sandbox; the links are removed and the isolator unmounts (cleanup) before the terminal
 * update is sent, so a framework that exits on that update leaves no mount behind.
 */
final class StandInAgent {
  private final AgentID agentId;
  private final ContainerVolumes volumes;
  private final Path sandboxes;
  private final ExecutorService runner = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "stand-in-agent-task");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, RunningTask> running = new ConcurrentHashMap<>();
  private final Consumer<String> log;

  StandInAgent(AgentID agentId, ContainerVolumes volumes, Path workDir, Consumer<String> log) {
    this.agentId = agentId;
    this.log = log;
    this.volumes = volumes;
    this.sandboxes = workDir.resolve("sandboxes");
  }

  AgentID id() {
    return agentId;
  }

  /** Starts the task in the background; every update goes to {@code updates}, in order. */
  void launch(TaskInfo task, Consumer<TaskStatus> updates) {
    RunningTask run = new RunningTask(task, updates);
    running.put(task.getTaskId().getValue(), run);
    runner.execute(() -> {
      try {
        run.run();
      } finally {
        running.remove(task.getTaskId().getValue());
      }
    });
  }

  /** Kills the task's processes; its run then ends with TASK_KILLED. */
  void kill(String taskId) {
    RunningTask run = running.get(taskId);
    if (run != null) {
      run.kill();
    }
  }

  /** Kills running tasks and waits (bounded) for them to unmount their volumes. */
  void shutdown() {
    running.values().forEach(RunningTask::kill);
    runner.shutdown();
    try {
      runner.awaitTermination(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class RunningTask {
    private final TaskInfo task;
    private final Consumer<TaskStatus> updates;
    private final String containerId = UUID.randomUUID().toString();
    private volatile boolean killed;
    private volatile Process process;

    RunningTask(TaskInfo task, Consumer<TaskStatus> updates) {
      this.task = task;
      this.updates = updates;
    }

    void kill() {
      killed = true;
      Process current = process;
      if (current != null) {
        current.descendants().forEach(ProcessHandle::destroyForcibly);
        current.destroyForcibly();
      }
    }

    void run() {
      Path sandbox = sandboxes.resolve(containerId);
      List<VolumeSpec> specs;
      try {
        specs = volumesOf(task, sandbox);
        Files.createDirectories(sandbox);
      } catch (IllegalArgumentException | IOException e) {
        update(TaskState.TASK_FAILED, TaskStatus.Source.SOURCE_AGENT,
            TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, "Failed to launch container: " + e.getMessage());
        return;
      }
      List<Path> links = new ArrayList<>();
      try {
        if (!specs.isEmpty()) {
          log("isolator prepare (dvdcli mount) " + specs.stream().map(v -> v.driver() + "/" + v.name()).toList());
        }
        List<Path> hostPaths = volumes.prepare(containerId, specs);
        for (int i = 0; i < specs.size(); i++) {
          Path link = sandbox.resolve(specs.get(i).containerPath());
          Files.createDirectories(link.getParent());
          links.add(Files.createSymbolicLink(link, hostPaths.get(i)));
          log("volume " + specs.get(i).driver() + "/" + specs.get(i).name() + " mounted at " + hostPaths.get(i)
              + ", linked from " + link);
        }
      } catch (IOException | RuntimeException e) {
        String cleanupFailure = unmount(links);
        update(TaskState.TASK_FAILED, TaskStatus.Source.SOURCE_AGENT,
            TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
            "Failed to launch container: " + e.getMessage() + cleanupFailure);
        return;
      }
      String verdict;
      TaskState state;
      try {
        update(TaskState.TASK_STARTING, TaskStatus.Source.SOURCE_EXECUTOR, null, null);
        log("running sh -c '" + task.getCommand().getValue() + "' in " + sandbox);
        Process started = start(sandbox);
        update(TaskState.TASK_RUNNING, TaskStatus.Source.SOURCE_EXECUTOR, null, null);
        int status = started.waitFor();
        state = killed ? TaskState.TASK_KILLED : status == 0 ? TaskState.TASK_FINISHED : TaskState.TASK_FAILED;
        verdict = killed ? "Command was killed" : "Command exited with status " + status;
      } catch (IOException e) {
        state = TaskState.TASK_FAILED;
        verdict = "Failed to run command: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        state = TaskState.TASK_KILLED;
        verdict = "Command was killed";
      }
      String cleanupFailure = unmount(links);
      update(state, TaskStatus.Source.SOURCE_EXECUTOR, null, verdict + cleanupFailure);
    }

    private Process start(Path sandbox) throws IOException {
      ProcessBuilder command = new ProcessBuilder("sh", "-c", task.getCommand().getValue())
          .directory(sandbox.toFile())
          .redirectInput(new File("/dev/null"))
          .redirectOutput(sandbox.resolve("stdout").toFile())
          .redirectError(sandbox.resolve("stderr").toFile());
      command.environment().put("MESOS_SANDBOX", sandbox.toString());
      command.environment().put("MESOS_TASK_ID", task.getTaskId().getValue());
      command.environment().put("MESOS_CONTAINER_ID", containerId);
      process = command.start();
      if (killed) {
        kill(); // a kill that arrived while the process was starting
      }
      return process;
    }

    /** Removes the volume links, then has the isolator unmount; returns "" or a failure note. */
    private String unmount(List<Path> links) {
      if (!links.isEmpty()) {
        log("isolator cleanup (dvdcli unmount)");
      }
      StringBuilder failure = new StringBuilder();
      for (Path link : links) {
        try {
          Files.deleteIfExists(link);
        } catch (IOException e) {
          failure.append("; failed to remove volume link '").append(link).append("': ").append(e.getMessage());
        }
      }
      try {
        volumes.cleanup(containerId);
      } catch (IOException | RuntimeException e) {
        failure.append("; failed to clean up volumes: ").append(e.getMessage());
      }
      return failure.toString();
    }

    private void log(String message) {
      log.accept("agent: task " + task.getTaskId().getValue() + ": " + message);
    }

    private void update(TaskState state, TaskStatus.Source source, TaskStatus.Reason reason, String message) {
      log(state + (message == null ? "" : ": " + message));
      updates.accept(StatusUpdates.reliable(task.getTaskId(), agentId, state, source, reason, message));
    }
  }

  /** The task's external volumes, refusing what this agent cannot place. */
  private static List<VolumeSpec> volumesOf(TaskInfo task, Path sandbox) {
    if (!task.hasContainer()) {
      return List.of();
    }
    ContainerInfo container = task.getContainer();
    if (container.getType() != ContainerInfo.Type.MESOS) {
      throw new IllegalArgumentException("the stand-in agent runs MESOS containers only, not " + container.getType());
    }
    List<VolumeSpec> specs = new ArrayList<>();
    for (Volume volume : container.getVolumesList()) {
      VolumeSpec spec = MesosVolumes.fromMesos(volume);
      Path target = sandbox.resolve(spec.containerPath()).normalize();
      if (Path.of(spec.containerPath()).isAbsolute() || !target.startsWith(sandbox) || target.equals(sandbox)) {
        // A real agent bind-mounts over an absolute path; without root we can only link in the sandbox.
        throw new IllegalArgumentException("the stand-in agent places volumes only at sandbox-relative "
            + "container paths, not '" + spec.containerPath() + "'");
      }
      specs.add(spec);
    }
    return specs;
  }
}
