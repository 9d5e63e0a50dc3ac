package io.dvdcli.shim.cli;

import io.dvdcli.shim.ContainerContext;
import io.dvdcli.shim.PrepareResult;
import io.dvdcli.shim.VolumeIsolator;
import io.dvdcli.shim.dvdi.DvdiVolume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code run -- COMMAND...}: prepare the DVDI_VOLUME_* volumes, run the command with each host path
 * in {@code DVDI_VOLUME_HOSTPATH[n]}, and clean up when it exits, however it exits. SIGTERM or
 * SIGINT to the shim is passed on to the command as SIGTERM; cleanup runs after it has exited.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Prepare volumes from DVDI_VOLUME_* variables, run COMMAND with DVDI_VOLUME_HOSTPATH[n] "
        + "set, then clean up. Exit status: the command's (1 if it succeeded but cleanup failed).")
final class RunWithVolumesCommand implements Callable<Integer> {
  static final String CONTAINER_ID_VARIABLE = "ISOLATOR_SHIM_CONTAINER_ID";

  @ParentCommand ShimCommand root;
  @Mixin IsolatorOptions options;

  @Option(names = "--container-id", paramLabel = "ID", description = "Default: shim-<random UUID>")
  String containerId;

  @Option(names = "--sandbox", paramLabel = "DIR", description = "The container's sandbox (relative container paths)")
  Path sandbox;

  @Option(names = "--user", paramLabel = "USER", description = "The task user (owner of the volumes with --chown)")
  String user;

  @Parameters(arity = "1..*", paramLabel = "COMMAND") List<String> command;

  @Override
  public Integer call() throws IOException {
    List<DvdiVolume> dvdi = DvdiVolumes.fromEnvironment(root.environment);
    String id = containerId != null ? containerId : "shim-" + UUID.randomUUID();
    VolumeIsolator isolator = options.isolator(root.environment, DvdiVolumes.dvdcli(dvdi));
    PrepareResult prepared = isolator.prepare(id, DvdiVolumes.requests(dvdi), new ContainerContext(sandbox, user));

    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(root.environment);
    env.remove(CrashSeam.VARIABLE);
    env.put(CONTAINER_ID_VARIABLE, id);
    for (int i = 0; i < dvdi.size(); i++) {
      env.put(dvdi.get(i).hostPathVariable(), prepared.volumes().get(i).hostPath());
    }

    CleanupOnce cleanup = new CleanupOnce(isolator, id);
    Process child;
    try {
      child = builder.start();
    } catch (IOException e) {
      cleanup.run();
      throw new IOException("Failed to run '" + command.get(0) + "': " + e.getMessage()
          + cleanup.failureSuffix(), e);
    }
    // The JVM turns SIGTERM/SIGINT into a shutdown: pass it on, wait for the command, clean up.
    Thread onSignal = new Thread(() -> {
      child.destroy();
      waitUninterruptibly(child);
      cleanup.run();
      cleanup.failure().ifPresent(f -> Main.report(root.err, f));
    }, "isolator-shim-signal");
    Runtime.getRuntime().addShutdownHook(onSignal);
    int status = waitUninterruptibly(child);
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException shuttingDown) {
      // A signal arrived: the hook owns cleanup and the exit; wait for it below.
    }
    cleanup.run();
    if (cleanup.failure().isPresent()) {
      Main.report(root.err, cleanup.failure().get());
      return status == 0 ? Main.FAILED : status;
    }
    return status;
  }

  private static int waitUninterruptibly(Process process) {
    while (true) {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        // Keep waiting: cleanup must not start while the command may still use the volumes.
      }
    }
  }

  /** Cleanup runs once, whether the command ends normally or a signal ends the shim. */
  private static final class CleanupOnce {
    private final VolumeIsolator isolator;
    private final String containerId;
    private boolean done;
    private String failure;

    CleanupOnce(VolumeIsolator isolator, String containerId) {
      this.isolator = isolator;
      this.containerId = containerId;
    }

    synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      try {
        isolator.cleanup(containerId);
      } catch (IOException | RuntimeException e) {
        failure = e.getMessage();
      }
    }

    synchronized java.util.Optional<String> failure() {
      return java.util.Optional.ofNullable(failure);
    }

    synchronized String failureSuffix() {
      return failure == null ? "" : "\n" + failure;
    }
  }
}
