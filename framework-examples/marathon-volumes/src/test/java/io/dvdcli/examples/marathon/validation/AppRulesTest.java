package io.dvdcli.examples.marathon.validation;

import static io.dvdcli.examples.marathon.TestApps.app;
import static io.dvdcli.examples.marathon.TestApps.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.dvdcli.examples.marathon.TestApps.AppSpec;
import io.dvdcli.examples.marathon.app.EngineType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules Marathon applies to a whole app that declares dvdi volumes. */
class AppRulesTest {

  static Stream<Arguments> appRules() {
    return Stream.of(
        arguments("one instance passes", app("/a").instances(1).with(volume()), List.of()),
        arguments("no instance passes", app("/a").instances(0).with(volume()), List.of()),
        arguments(
            "two instances are refused",
            app("/a").instances(2).with(volume()),
            List.of(
                "/: Number of instances is limited to 1 when declaring DVDI volumes in app [/a]")),
        arguments("many instances without dvdi volumes pass", app("/a").instances(5), List.of()),
        arguments(
            "many instances with only a foreign provider's volume pass",
            app("/a").instances(5).with(volume().provider("csi")),
            List.of()),
        arguments(
            "two volumes of one name in one app are refused",
            app("/a").with(volume().name("v")).with(volume().name("v").containerPath("other")),
            List.of(
                "/container/volumes: Volume names must be unique",
                "/: Requested DVDI volume 'v' is declared more than once within app /a")),
        arguments(
            "each name declared twice is reported once",
            app("/a")
                .with(volume().name("v"))
                .with(volume().name("w"))
                .with(volume().name("v"))
                .with(volume().name("w"))
                .with(volume().name("v")),
            List.of(
                "/container/volumes: Volume names must be unique",
                "/: Requested DVDI volume 'v' is declared more than once within app /a",
                "/: Requested DVDI volume 'w' is declared more than once within app /a")),
        arguments(
            "two shared volumes of one name in one app are refused by AppValidation.scala:122",
            app("/a").with(volume().name("v").shared(true)).with(volume().name("v").shared(true)),
            List.of("/container/volumes: Volume names must be unique")),
        arguments(
            "two volumes of different names pass",
            app("/a").with(volume().name("v")).with(volume().name("w")),
            List.of()),
        arguments(
            "an app inside a group is reported at its path in the file",
            app("/g/a").at("/groups(0)/apps(1)").instances(3).with(volume()),
            List.of(
                "/groups(0)/apps(1): Number of instances is limited to 1 when declaring DVDI"
                    + " volumes in app [/g/a]")),
        arguments(
            "an upgrade strategy that over-provisions is refused",
            app("/a").upgradeStrategy(1.0, 0.5).with(volume()),
            List.of("/upgradeStrategy/maximumOverCapacity: got 0.5, expected 0.0")),
        arguments(
            "an upgrade strategy that never over-provisions passes",
            app("/a").upgradeStrategy(1.0, 0.0).with(volume()),
            List.of()),
        arguments(
            "the upgrade strategy does not matter without dvdi volumes",
            app("/a").upgradeStrategy(1.0, 1.0),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appRules")
  void appsWithDvdiVolumesFollowMarathonsAppRules(String rule, AppSpec app, List<String> expected) {
    List<String> found =
        new AppsValidator(ValidationOptions.MARATHON)
            .validate(List.of(app.build())).stream()
                .map(v -> v.path() + ": " + v.message())
                .toList();
    assertEquals(expected, found);
  }

  @Test
  void violationsNameTheFileAndAreRenderedOnOneLine() {
    Violation violation =
        new AppsValidator(ValidationOptions.MARATHON)
            .validate(List.of(app("/a").engine(EngineType.DOCKER).with(volume().size(1L)).build()))
            .get(0);
    assertEquals(
        "app.json: /container/volumes(0)/external/size: must be undefined for Docker containers",
        violation.render());
  }
}
