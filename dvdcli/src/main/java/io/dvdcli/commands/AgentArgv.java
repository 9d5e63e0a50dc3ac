package io.dvdcli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Mesos agent's two command lines, read without building picocli's command model, which is most
 * of a call's own CPU time (scripts/BENCHMARK.md): {@code mount --volumedriver=D --volumename=N
 * [--volumeopts=K=V]...} and {@code unmount --volumedriver=D --volumename=N}, plus the
 * {@code --explicitCreate=BOOL} mesos-module-dvdi adds. Anything else — another command, another
 * flag, the space form, a flag given twice, a malformed option — is not recognised and goes through
 * picocli, which owns help and usage errors. So the two paths cannot disagree: this one only
 * accepts lines that picocli would parse to the same values (AgentArgvTest checks that).
 */
public final class AgentArgv {
  private AgentArgv() {}

  /** A recognised agent call, ready to run. */
  public record Call(String command, VolumeArgs volume) {
    /** Runs it as picocli runs the same command line: the same command, given the same model. */
    public int run(DvdcliCommand root) throws CommandFailedException {
      VolumeCommand command = this.command.equals("mount") ? new MountCommand() : new UnmountCommand();
      return command.execute(root, volume);
    }
  }

  public static Optional<Call> parse(String[] args) {
    if (args.length < 3 || !(args[0].equals("mount") || args[0].equals("unmount"))) {
      return Optional.empty();
    }
    String driver = null;
    String name = null;
    Boolean explicitCreate = null;
    List<VolumeOption> options = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        return Optional.empty();
      }
      String flag = arg.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = arg.substring(eq + 1);
      if (value.startsWith("-")) {
        return Optional.empty(); // picocli refuses a value that looks like a flag; let it say so
      }
      switch (flag) {
        case "--volumedriver" -> {
          if (driver != null) {
            return Optional.empty();
          }
          driver = value;
        }
        case "--volumename" -> {
          if (name != null) {
            return Optional.empty();
          }
          name = value;
        }
        case "--volumeopts" -> {
          try {
            options.add(VolumeOption.parse(value));
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        }
        case "--explicitcreate" -> {
          String v = value.toLowerCase(Locale.ROOT);
          if (explicitCreate != null || !(v.equals("true") || v.equals("false"))) {
            return Optional.empty();
          }
          explicitCreate = v.equals("true");
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    if (driver == null || name == null) {
      return Optional.empty();
    }
    return Optional.of(new Call(args[0], new VolumeArgs(driver, name, options, explicitCreate != null && explicitCreate)));
  }
}
