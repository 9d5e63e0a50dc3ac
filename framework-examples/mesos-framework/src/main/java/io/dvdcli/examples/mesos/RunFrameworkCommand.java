package io.dvdcli.examples.mesos;

import io.dvdcli.examples.mesos.scheduler.FrameworkSettings;
import io.dvdcli.examples.mesos.scheduler.MasterConnection;
import io.dvdcli.examples.mesos.scheduler.MesosFramework;
import io.dvdcli.examples.mesos.scheduler.ResubscribeBackoff;
import io.dvdcli.examples.mesos.scheduler.TaskOutcome;
import io.dvdcli.examples.mesos.task.TaskDefaults;
import io.dvdcli.examples.mesos.task.TaskSpec;
import io.dvdcli.examples.mesos.task.TaskSpecFile;
import io.dvdcli.examples.mesos.task.TaskVolume;
import io.dvdcli.examples.mesos.task.VolumeFlag;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs one task with external volumes on a Mesos master and exits with its outcome. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Subscribes to a Mesos master, launches the task when an offer fits, reports its states on "
        + "stderr, and exits 0 for TASK_FINISHED, 1 for any other terminal state, 2 for bad usage, 3 when the "
        + "framework itself fails.")
final class RunFrameworkCommand implements Callable<Integer> {

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--master", required = true, split = ",", paramLabel = "URL",
      description = "Mesos master, e.g. http://host:5050; repeat it (or separate with commas) to name every master, "
          + "so the framework finds the leader again after a failover")
  List<URI> masters;

  @ArgGroup(exclusive = true, multiplicity = "1")
  TaskSource source;

  static final class TaskSource {
    @Option(names = "--task-file", paramLabel = "FILE", description = "task spec as JSON (see README)")
    Path taskFile;

    @ArgGroup(exclusive = false)
    TaskFlags flags;
  }

  static final class TaskFlags {
    @Option(names = "--command", required = true, paramLabel = "SHELL", description = "command run with sh -c")
    String command;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = TaskDefaults.NAME, description = "task name (default ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "" + TaskDefaults.CPUS, description = "default ${DEFAULT-VALUE}")
    double cpus;

    @Option(names = "--mem", paramLabel = "MB", defaultValue = "" + TaskDefaults.MEM, description = "default ${DEFAULT-VALUE}")
    double mem;

    @Option(names = "--volume", paramLabel = "SPEC",
        description = "external volume: driver=D,name=N,path=P[,mode=RW|RO][,opt=KEY=VALUE]... (repeatable)")
    List<String> volumes = new ArrayList<>();
  }

  @Option(names = "--framework-name", defaultValue = "dvdcli-example-framework", description = "default ${DEFAULT-VALUE}")
  String frameworkName;

  @Option(names = "--user", description = "FrameworkInfo.user, the user the task runs as on agents with "
      + "--switch_user (their default): it must exist on every agent (default: the current user)")
  String user;

  @Option(names = "--role", defaultValue = "*", description = "role to subscribe with (default ${DEFAULT-VALUE})")
  String role;

  @Option(names = "--failover-timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "how long the master keeps the task, and we keep re-subscribing, after a disconnection (default ${DEFAULT-VALUE})")
  long failoverSeconds;

  @Option(names = "--refuse-seconds", paramLabel = "SECONDS", defaultValue = "5",
      description = "how long declined offers are held back (default ${DEFAULT-VALUE})")
  double refuseSeconds;

  @Override
  public Integer call() throws Exception {
    TaskSpec task = task();
    FrameworkSettings settings;
    try {
      settings = new FrameworkSettings(frameworkName, user == null ? System.getProperty("user.name") : user, role,
          Duration.ofSeconds(failoverSeconds), Duration.ofMillis((long) (refuseSeconds * 1000)), ResubscribeBackoff.DEFAULT);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    MasterConnection connection;
    try {
      connection = new MasterConnection(masters);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    MesosFramework framework = new MesosFramework(connection, settings, task, System.err);
    // On SIGTERM/Ctrl-C the master should kill the task rather than wait out the failover timeout.
    AtomicBoolean ended = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!ended.get()) {
        framework.stop();
      }
    }, "mesos-framework-teardown"));
    TaskOutcome outcome = framework.run();
    ended.set(true);
    return outcome.exitCode();
  }

  private TaskSpec task() {
    if (source.taskFile != null) {
      try {
        return TaskSpecFile.read(source.taskFile);
      } catch (java.io.IOException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    try {
      List<TaskVolume> volumes = source.flags.volumes.stream().map(VolumeFlag::parse).toList();
      return new TaskSpec(source.flags.name, source.flags.command, source.flags.cpus, source.flags.mem, volumes);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
