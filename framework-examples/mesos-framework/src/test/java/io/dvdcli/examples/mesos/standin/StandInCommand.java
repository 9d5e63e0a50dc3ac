package io.dvdcli.examples.mesos.standin;

import io.dvdcli.shim.IsolatorConfig;
import io.dvdcli.shim.VolumeIsolator;
import io.dvdcli.testsupport.mesos.AgentResources;
import io.dvdcli.testsupport.mesos.StandInMesos;
import io.dvdcli.testsupport.mesos.StandInSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Serves the stand-in master+agent (a TEST DOUBLE) until SIGTERM or Ctrl-C, with the real
 * isolator-shim as its agent's docker/volume isolator: what scripts/demo-mesos runs. A test class,
 * not part of the example framework's jar: the stand-in is test-support's, and the isolator wiring
 * cannot live there (see {@link IsolatorVolumes}).
 */
@Command(
    name = "stand-in",
    mixinStandardHelpOptions = true,
    description = "TEST DOUBLE, not a Mesos: a stand-in master with one agent on 127.0.0.1 that speaks the v1 "
        + "scheduler API (protobuf) and runs launched tasks through isolator-shim and dvdcli. Prints "
        + "'listening on http://127.0.0.1:PORT' once it answers.")
public final class StandInCommand implements Callable<Integer> {
  /** protobuf-java 4.x warns, once per message type, about gencode as old as mesos 1.11.0's. */
  private static final String OLD_GENCODE_PROPERTY = "com.google.protobuf.use_unsafe_pre22_gencode";

  public static void main(String[] args) {
    // The warning is about deeply nested hostile input; the stand-in's peer is a loopback framework.
    if (System.getProperty(OLD_GENCODE_PROPERTY) == null) {
      System.setProperty(OLD_GENCODE_PROPERTY, "true");
    }
    System.exit(new CommandLine(new StandInCommand())
        .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
          commandLine.getErr().println("stand-in: " + exception.getMessage());
          return 3;
        })
        .setParameterExceptionHandler((exception, args1) -> {
          // One line, not the whole usage text, as mesos-framework's own Main does.
          exception.getCommandLine().getErr().println("stand-in: " + exception.getMessage() + " (see --help)");
          return exception.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        })
        .execute(args));
  }

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--work-dir", required = true, paramLabel = "DIR", description = "task sandboxes (and checkpoints by default)")
  Path workDir;

  @Option(names = "--port", defaultValue = "5050", description = "loopback port, 0 = any free one (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--cpus", defaultValue = "2", description = "the agent's cpus (default ${DEFAULT-VALUE})")
  double cpus;

  @Option(names = "--mem", defaultValue = "1024", description = "the agent's mem in MB (default ${DEFAULT-VALUE})")
  double mem;

  @Option(names = "--heartbeat-seconds", defaultValue = "15", description = "HEARTBEAT interval (default ${DEFAULT-VALUE})")
  long heartbeatSeconds;

  @Option(names = "--dvdcli", paramLabel = "PATH", description = "dvdcli to run (default: dvdcli on PATH, as the agent)")
  Path dvdcli;

  @Option(names = "--roles", split = ",", paramLabel = "ROLE",
      description = "as the master's --roles: only these roles (and *) may subscribe (default: any valid role)")
  java.util.List<String> roles;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "isolator checkpoints (default: WORK-DIR/checkpoints)")
  Path checkpointDir;

  @Override
  public Integer call() throws Exception {
    StandInSettings settings;
    IsolatorConfig config;
    try {
      settings = new StandInSettings(port, new AgentResources(cpus, mem), Duration.ofSeconds(heartbeatSeconds), workDir);
      if (roles != null) {
        settings = settings.withRoles(java.util.Set.copyOf(roles));
      }
      IsolatorConfig.Builder builder = IsolatorConfig.builder()
          .checkpointDir(checkpointDir != null ? checkpointDir : workDir.resolve("checkpoints"));
      if (dvdcli != null) {
        builder.dvdcli(dvdcli);
      }
      config = builder.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Files.createDirectories(workDir);
    CountDownLatch stopped = new CountDownLatch(1);
    StandInMesos mesos = StandInMesos.start(settings, new IsolatorVolumes(new VolumeIsolator(config)),
        line -> System.err.println("stand-in " + line));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        mesos.close();
        System.err.println("stand-in: stopped");
      } catch (Exception e) {
        System.err.println("stand-in: Failed to stop cleanly: " + e.getMessage());
      } finally {
        stopped.countDown();
      }
    }, "stand-in-stop"));
    System.out.println("listening on " + mesos.uri());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
