package io.dvdcli.examples.mesos;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mesos-framework run ...} runs the example framework. The stand-in master it is tested
 * against is a test double and lives in test-support, not here (see the README).
 */
@Command(
    name = "mesos-framework",
    mixinStandardHelpOptions = true,
    version = "mesos-framework 0.1.0",
    description = "An example Mesos framework (v1 HTTP scheduler API) that runs a task with external volumes.",
    subcommands = {RunFrameworkCommand.class})
public final class Main implements Runnable {
  /** Exit code when the framework itself failed (master unreachable, refused us, ...). */
  static final int FRAMEWORK_FAILED = 3;

  /** protobuf-java 4.x warns, once per message type, about gencode as old as mesos 1.11.0's. */
  private static final String OLD_GENCODE_PROPERTY = "com.google.protobuf.use_unsafe_pre22_gencode";

  public static void main(String[] args) {
    // The warning is about deeply nested hostile input; our peer is the Mesos master (README,
    // "Protobuf runtime").
    if (System.getProperty(OLD_GENCODE_PROPERTY) == null) {
      System.setProperty(OLD_GENCODE_PROPERTY, "true");
    }
    System.exit(execute(args));
  }

  static int execute(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
          commandLine.getErr().println("mesos-framework: " + exception.getMessage());
          return FRAMEWORK_FAILED;
        })
        .setParameterExceptionHandler((exception, args1) -> {
          // One line, not the whole usage text: the error is what the user needs to see.
          exception.getCommandLine().getErr().println("mesos-framework: " + exception.getMessage()
              + " (see --help)");
          return exception.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        })
        .execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "Missing subcommand: run");
  }
}
