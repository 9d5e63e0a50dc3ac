package io.dvdcli.examples.marathon.validation;

import static io.dvdcli.examples.marathon.TestApps.app;
import static io.dvdcli.examples.marathon.TestApps.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.dvdcli.examples.marathon.TestApps.VolumeSpec;
import io.dvdcli.examples.marathon.app.EngineType;
import io.dvdcli.examples.marathon.app.ReadMode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every per-volume rule, each with a passing and a failing case and Marathon's exact message. */
class VolumeRulesTest {
  private static final EngineType MESOS = EngineType.MESOS;
  private static final EngineType DOCKER = EngineType.DOCKER;
  private static final String V = "/container/volumes(0)";
  private static final String LABEL =
      "must match regular expression '^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$'";
  private static final String KEY =
      "must match regular expression"
          + " '^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?/[A-Za-z0-9](?:[-A-Za-z0-9\\._:]*[A-Za-z0-9])?$'";
  private static final String DRIVER = V + "/external/options(\"dvdi/driver\")";

  static Stream<Arguments> marathonRules() {
    return Stream.of(
        ok("a valid rexray volume passes", MESOS, volume()),
        ok("a valid volume passes on DOCKER too", DOCKER, volume()),
        // containerPath (AppValidation)
        bad(
            "an empty container path is refused",
            MESOS,
            volume().containerPath(""),
            V + "/containerPath: must not be empty"),
        ok(
            "an absolute container path is fine on MESOS",
            MESOS,
            volume().containerPath("/var/data")),
        ok(
            "a nested relative container path is fine on MESOS",
            MESOS,
            volume().containerPath("var/child")),
        ok(
            "a relative container path is fine on DOCKER",
            DOCKER,
            volume().containerPath("relative/path")),
        bad(
            "'.' is refused as container path on MESOS",
            MESOS,
            volume().containerPath("."),
            V + "/containerPath: can not be one of (.,..)"),
        bad(
            "'..' is refused as container path on DOCKER",
            DOCKER,
            volume().containerPath(".."),
            V + "/containerPath: can not be one of (.,..)"),
        // name
        bad(
            "a missing name is reported by both of Marathon's layers",
            MESOS,
            volume().name(null),
            V + "/external/name: must not be empty",
            V + "/external/name: not defined"),
        bad(
            "an empty name is refused",
            MESOS,
            volume().name(""),
            V + "/external/name: must not be empty"),
        ok(
            "a name with driver parameters in it passes",
            MESOS,
            volume().name("name=teamvolumename,secure=true,size=5,repl=1,shared=true")),
        // provider
        bad(
            "a missing provider is not defined",
            MESOS,
            volume().provider(null),
            V + "/external/provider: not defined"),
        bad(
            "an empty provider is neither a label nor known",
            MESOS,
            volume().provider(""),
            V + "/external/provider: " + LABEL,
            V + "/external/provider: is unknown provider"),
        bad(
            "an unknown provider is refused",
            MESOS,
            volume().provider("qaz"),
            V + "/external/provider: is unknown provider"),
        bad(
            "provider names are compared exactly",
            MESOS,
            volume().provider("DVDI"),
            V + "/external/provider: " + LABEL,
            V + "/external/provider: is unknown provider"),
        // option keys
        bad(
            "an option key without a namespace is refused",
            MESOS,
            volume().option("size", "5"),
            V + "/external/options/keys(\"size\"): " + KEY),
        bad(
            "an option name may not end in a dot",
            MESOS,
            volume().option("dvdi/x.", "5"),
            V + "/external/options/keys(\"dvdi/x.\"): " + KEY),
        ok("an option of another namespace passes", MESOS, volume().option("dcos/label", "x")),
        ok(
            "option names may hold dots, dashes, underscores and colons",
            MESOS,
            volume().option("dvdi/a.b-c_d:e", "x")),
        // dvdi/driver
        bad(
            "a missing driver is not defined",
            MESOS,
            volume().option("dvdi/driver", null),
            DRIVER + ": not defined"),
        bad(
            "a misspelt driver key leaves the driver undefined",
            MESOS,
            volume().option("dvdi/driver", null).option("dvdi/driverNam", "rexray"),
            DRIVER + ": not defined"),
        bad(
            "an empty driver is not a label",
            MESOS,
            volume().option("dvdi/driver", ""),
            DRIVER + ": " + LABEL),
        bad(
            "a driver with capitals is not a label",
            MESOS,
            volume().option("dvdi/driver", "RexRay"),
            DRIVER + ": " + LABEL),
        bad(
            "a managed plugin name is not a label",
            MESOS,
            volume().option("dvdi/driver", "vieux/sshfs:latest").option("dvdi/sshcmd", "u@h:/p"),
            DRIVER + ": " + LABEL),
        ok("a dashed driver is a label", MESOS, volume().option("dvdi/driver", "local-persist")),
        // rexray options
        bad(
            "rexray's volume type must be a label",
            MESOS,
            volume().option("dvdi/volumetype", "io1 "),
            V + "/external/options/\"dvdi/volumetype\": " + LABEL),
        ok("rexray's volume type io1 passes", MESOS, volume().option("dvdi/volumetype", "io1")),
        ok(
            "another driver's volume type is not checked",
            MESOS,
            volume().option("dvdi/driver", "bar").option("dvdi/volumetype", "io1 ")),
        bad(
            "rexray's file-system type must be a label",
            MESOS,
            volume().option("dvdi/newfstype", " xfs"),
            V + "/external/options/\"dvdi/newfstype\": " + LABEL),
        bad(
            "rexray's file-system type must not be empty",
            MESOS,
            volume().option("dvdi/newfstype", ""),
            V + "/external/options/\"dvdi/newfstype\": " + LABEL),
        ok("rexray's file-system type xfs passes", MESOS, volume().option("dvdi/newfstype", "xfs")),
        bad(
            "rexray's iops must be above zero",
            MESOS,
            volume().option("dvdi/iops", "0"),
            V + "/external/options/\"dvdi/iops\": Expected a valid, positive integer instead of 0"),
        bad(
            "rexray's iops must be a number",
            MESOS,
            volume().option("dvdi/iops", "b"),
            V + "/external/options/\"dvdi/iops\": Expected a valid, positive integer instead of b"),
        bad(
            "rexray's iops must not be padded",
            MESOS,
            volume().option("dvdi/iops", " 5"),
            V
                + "/external/options/\"dvdi/iops\": Expected a valid, positive integer instead of "
                + " 5"),
        ok("rexray's iops 1 passes", MESOS, volume().option("dvdi/iops", "1")),
        ok(
            "rexray's iops may carry a plus sign, as Long.parseLong allows",
            MESOS,
            volume().option("dvdi/iops", "+5")),
        bad(
            "rexray's overwritefs must be a boolean",
            MESOS,
            volume().option("dvdi/overwritefs", "b"),
            V + "/external/options/\"dvdi/overwritefs\": Expected a valid boolean"),
        bad(
            "rexray's overwritefs false is refused, as Marathon does",
            MESOS,
            volume().option("dvdi/overwritefs", "false"),
            V + "/external/options/\"dvdi/overwritefs\": Expected a valid boolean"),
        ok(
            "rexray's overwritefs true passes in any case",
            MESOS,
            volume().option("dvdi/overwritefs", "TRUE")),
        // MESOS engine
        bad(
            "MESOS mounts read-write only",
            MESOS,
            volume().mode(ReadMode.RO),
            V + "/mode: does not equal RW"),
        bad(
            "a MESOS volume's size must be above zero",
            MESOS,
            volume().size(0L),
            V + "/external/size: got 0, expected more than 0"),
        ok("a MESOS volume may give a size", MESOS, volume().size(100L)),
        ok(
            "a MESOS volume may carry more dvdi options",
            MESOS,
            volume().option("dvdi/anything", "x")),
        // DOCKER engine
        ok("DOCKER may mount read-only", DOCKER, volume().mode(ReadMode.RO)),
        bad(
            "DOCKER takes no option but the driver",
            DOCKER,
            volume().option("dvdi/volumetype", "gp2"),
            V + "/external/options: must only contain dvdi/driver"),
        bad(
            "DOCKER takes no option of another namespace either",
            DOCKER,
            volume().option("dcos/label", "x"),
            V + "/external/options: must only contain dvdi/driver"),
        bad(
            "DOCKER takes no size",
            DOCKER,
            volume().size(10L),
            V + "/external/size: must be undefined for Docker containers"),
        // other providers are not dvdi's business beyond the generic rules
        ok(
            "a CSI volume is left to its own provider",
            MESOS,
            volume().provider("csi").option("dvdi/driver", null).mode(ReadMode.RO)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("marathonRules")
  void marathonsRulesGiveMarathonsMessages(
      String rule, EngineType engine, VolumeSpec volume, List<String> expected) {
    assertEquals(expected, violations(engine, volume, ValidationOptions.MARATHON));
  }

  static Stream<Arguments> departures() {
    ValidationOptions managed = new ValidationOptions(true, false);
    ValidationOptions overwritefs = new ValidationOptions(false, true);
    return Stream.of(
        arguments(
            "a managed plugin with tag passes with --allow-managed-plugins",
            managed,
            volume().option("dvdi/driver", "vieux/sshfs:latest"),
            List.of()),
        arguments(
            "a managed plugin without tag passes",
            managed,
            volume().option("dvdi/driver", "rexray/ebs"),
            List.of()),
        arguments(
            "a plugin from a registry with a port passes",
            managed,
            volume().option("dvdi/driver", "registry.example.test:5000/team/plugin:1.2"),
            List.of()),
        arguments(
            "capitals stay refused even for managed plugins",
            managed,
            volume().option("dvdi/driver", "Vieux/sshfs"),
            List.of(DRIVER + ": " + LABEL)),
        arguments(
            "a trailing slash stays refused",
            managed,
            volume().option("dvdi/driver", "rexray/"),
            List.of(DRIVER + ": " + LABEL)),
        arguments(
            "a managed rexray plugin gets rexray's option rules",
            managed,
            volume().option("dvdi/driver", "rexray/ebs:0.11.4").option("dvdi/iops", "0"),
            List.of(
                V
                    + "/external/options/\"dvdi/iops\": Expected a valid, positive integer instead"
                    + " of 0")),
        arguments(
            "overwritefs false passes with --accept-overwritefs-false",
            overwritefs,
            volume().option("dvdi/overwritefs", "False"),
            List.of()),
        arguments(
            "overwritefs stays a boolean with --accept-overwritefs-false",
            overwritefs,
            volume().option("dvdi/overwritefs", "no"),
            List.of(V + "/external/options/\"dvdi/overwritefs\": Expected a valid boolean")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("departures")
  void optInDeparturesFromMarathonAcceptWhatTheAgentCanUse(
      String rule, ValidationOptions options, VolumeSpec volume, List<String> expected) {
    assertEquals(expected, violations(MESOS, volume, options));
  }

  private static List<String> violations(
      EngineType engine, VolumeSpec volume, ValidationOptions options) {
    return new AppsValidator(options)
        .validate(List.of(app("/app").engine(engine).with(volume).build())).stream()
            .map(v -> v.path() + ": " + v.message())
            .toList();
  }

  private static Arguments ok(String rule, EngineType engine, VolumeSpec volume) {
    return arguments(rule, engine, volume, List.of());
  }

  private static Arguments bad(
      String rule, EngineType engine, VolumeSpec volume, String... expected) {
    return arguments(rule, engine, volume, List.of(expected));
  }
}
