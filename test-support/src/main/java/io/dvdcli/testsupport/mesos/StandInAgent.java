package io.dvdcli.testsupport.mesos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
      List<AgentVolume> specs;
      try {
        specs = volumesOf(task, sandbox);
        Files.createDirectories(sandbox);
      } catch (IllegalArgumentException | IOException e) {
        update(TaskState.TASK_FAILED, TaskStatus.Source.SOURCE_AGENT,
            TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, "Failed to launch container: " + e.getMessage());
        return;
      }
      List<Path> links = new ArrayList<>();
      List<String> binds = new ArrayList<>();
      try {
        if (!specs.isEmpty()) {
          log("isolator prepare (dvdcli mount) " + specs.stream().map(v -> v.driver() + "/" + v.name()).toList());
        }
        List<Path> hostPaths = volumes.prepare(containerId, specs);
        for (int i = 0; i < specs.size(); i++) {
          AgentVolume spec = specs.get(i);
          if (Path.of(spec.containerPath()).isAbsolute()) {
            binds.addAll(List.of(hostPaths.get(i).toString(), spec.containerPath(), spec.mode().name()));
            log("volume " + spec.driver() + "/" + spec.name() + " mounted at " + hostPaths.get(i)
                + ", bind-mounted at " + spec.containerPath() + " in the task's mount namespace");
            continue;
          }
          Path link = sandbox.resolve(spec.containerPath());
          Files.createDirectories(link.getParent());
          links.add(Files.createSymbolicLink(link, hostPaths.get(i)));
          log("volume " + spec.driver() + "/" + spec.name() + " mounted at " + hostPaths.get(i)
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
        Process started = start(sandbox, binds);
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

    /**
     * {@code sh -c COMMAND}; with volumes at absolute container paths, in a mount namespace of its
     * own where they are bind-mounted first (read-only for RO), so the host sees none of them and
     * they vanish with the task, as with the agent's filesystem/linux isolator.
     */
    private Process start(Path sandbox, List<String> binds) throws IOException {
      List<String> argv = new ArrayList<>();
      if (!binds.isEmpty()) {
        argv.addAll(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", BIND_THEN_RUN, "sh"));
        argv.addAll(binds);
        argv.add(task.getCommand().getValue());
      } else {
        argv.addAll(List.of("sh", "-c", task.getCommand().getValue()));
      }
      ProcessBuilder command = new ProcessBuilder(argv)
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

  /** Host path, container path and mode per volume, then the command: binds, then runs it. */
  private static final String BIND_THEN_RUN = "while [ \"$#\" -gt 1 ]; do"
      + " mount --bind \"$1\" \"$2\" || exit 125;"
      + " if [ \"$3\" = RO ]; then mount -o remount,bind,ro \"$2\" || exit 125; fi;"
      + " shift 3; done; exec sh -c \"$1\"";

  /** The task's external volumes, refusing what this agent cannot place. */
  private static List<AgentVolume> volumesOf(TaskInfo task, Path sandbox) throws IOException {
    if (!task.hasContainer()) {
      return List.of();
    }
    ContainerInfo container = task.getContainer();
    if (container.getType() != ContainerInfo.Type.MESOS) {
      throw new IllegalArgumentException("the stand-in agent runs MESOS containers only, not " + container.getType());
    }
    List<AgentVolume> specs = new ArrayList<>();
    for (Volume volume : container.getVolumesList()) {
      AgentVolume given = AgentVolume.fromMesos(volume);
      // The agent collects driver options in a hash map (isolator.cpp:406-412 in Mesos 1.11.0): a
      // key given twice keeps its last value and dvdcli gets them in no particular order.
      AgentVolume spec = new AgentVolume(given.driver(), given.name(), new HashMap<>(given.options()),
          given.containerPath(), given.mode());
      if (Path.of(spec.containerPath()).isAbsolute()) {
        // Without a rootfs the agent mounts at the absolute path itself, which must exist
        // (isolator.cpp:423-446); the stand-in needs root for that bind mount.
        if (!Files.exists(Path.of(spec.containerPath()))) {
          throw new IllegalArgumentException("Absolute container path '" + spec.containerPath() + "' does not exist");
        }
        if (!isRoot()) {
          throw new IllegalArgumentException("the stand-in agent bind-mounts a volume at an absolute container path "
              + "only when it runs as root, not at '" + spec.containerPath() + "'");
        }
        specs.add(spec);
        continue;
      }
      Path target = sandbox.resolve(spec.containerPath()).normalize();
      if (!target.startsWith(sandbox) || target.equals(sandbox)) {
        throw new IllegalArgumentException("the stand-in agent places relative container paths inside the sandbox, "
            + "not at '" + spec.containerPath() + "'");
      }
      specs.add(spec);
    }
    return specs;
  }

  /** The owner of /proc/self is the process's effective user. */
  private static boolean isRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }
}
