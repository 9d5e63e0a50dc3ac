package io.dvdcli.examples.marathon;

import io.dvdcli.examples.marathon.validation.ValidationOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What both subcommands read: the paths, and the opt-in departures from Marathon's rules. */
final class InputOptions {
  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "An app JSON, a group JSON (nested apps/groups), or a folder of such .json files."
              + " The cross-app volume name rule runs over all of them together.")
  List<Path> paths;

  @Option(
      names = "--allow-managed-plugins",
      description =
          "Accept Docker managed-plugin names (rexray/ebs, vieux/sshfs:latest) as dvdi/driver;"
              + " Marathon rejects them although the agent can use them.")
  boolean allowManagedPlugins;

  @Option(
      names = "--accept-overwritefs-false",
      description =
          "Accept \"false\" for rexray's dvdi/overwritefs; Marathon only ever accepts \"true\".")
  boolean acceptOverwritefsFalse;

  ValidationOptions validationOptions() {
    return new ValidationOptions(allowManagedPlugins, acceptOverwritefsFalse);
  }
}
