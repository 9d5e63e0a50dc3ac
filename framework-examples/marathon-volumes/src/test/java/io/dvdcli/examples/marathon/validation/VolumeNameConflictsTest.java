package io.dvdcli.examples.marathon.validation;

import static io.dvdcli.examples.marathon.TestApps.app;
import static io.dvdcli.examples.marathon.TestApps.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dvdcli.examples.marathon.app.MarathonApp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Marathon's cluster-wide rule: one app per volume name, unless every holder shares it. */
class VolumeNameConflictsTest {

  private static List<String> violations(MarathonApp... apps) {
    return new AppsValidator(ValidationOptions.MARATHON)
        .validate(List.of(apps)).stream().map(v -> v.path() + ": " + v.message()).toList();
  }

  @Test
  void twoAppsWithDifferentVolumeNamesPass() {
    assertEquals(
        List.of(),
        violations(
            app("/nested/foo1").with(volume().name("vol1")).build(),
            app("/nested/foo2").with(volume().name("vol2")).build()));
  }

  @Test
  void twoAppsWithTheSameVolumeNameConflictBothWays() {
    assertEquals(
        List.of(
            "/apps(0)/container: Volume name 'vol' in /nested/app1 conflicts with volume(s) of same"
                + " name in app(s): /nested/app2",
            "/apps(1)/container: Volume name 'vol' in /nested/app2 conflicts with volume(s) of same"
                + " name in app(s): /nested/app1"),
        violations(
            app("/nested/app1").at("/apps(0)").with(volume().name("vol")).build(),
            app("/nested/app2").at("/apps(1)").with(volume().name("vol")).build()));
  }

  @Test
  void twoAppsSharingTheVolumePass() {
    assertEquals(
        List.of(),
        violations(
            app("/nested/app1").with(volume().name("vol").shared(true)).build(),
            app("/nested/app2").with(volume().name("vol").shared(true)).build()));
  }

  @Test
  void onlyTheAppThatSharesIsReportedWhenTheOtherHoldsTheNameExclusively() {
    assertEquals(
        List.of(
            "/container: Volume name 'vol' in /nested/app1 conflicts with volume(s) of same name in"
                + " app(s): /nested/app2"),
        violations(
            app("/nested/app1").with(volume().name("vol").shared(true)).build(),
            app("/nested/app2").with(volume().name("vol").shared(false)).build()));
  }

  @Test
  void everyOtherHolderIsListedInInputOrder() {
    assertEquals(
        List.of(
            "/container: Volume name 'vol' in /a conflicts with volume(s) of same name in app(s):"
                + " /b, /c",
            "/container: Volume name 'vol' in /b conflicts with volume(s) of same name in app(s):"
                + " /a, /c",
            "/container: Volume name 'vol' in /c conflicts with volume(s) of same name in app(s):"
                + " /a, /b"),
        violations(
            app("/a").with(volume().name("vol")).build(),
            app("/b").with(volume().name("vol")).build(),
            app("/c").with(volume().name("vol")).build()));
  }

  /**
   * AppValidation.validContainer (AppValidation.scala:121-127) refuses the repeated name at
   * /container/volumes; DVDIProvider adds its own message for unshared volumes.
   */
  @Test
  void aNameUsedTwiceInOneAppBreaksMarathonsUniqueVolumeNames_appValidationScala122() {
    assertEquals(
        List.of(
            "/container/volumes: Volume names must be unique",
            "/: Requested DVDI volume 'vol' is declared more than once within app /a"),
        violations(
            app("/a")
                .with(volume().name("vol"))
                .with(volume().name("vol").containerPath("b"))
                .build()));
  }

  @Test
  void sharedVolumesNamedAlikeInOneAppAreRefusedToo_appValidationScala122() {
    assertEquals(
        List.of("/container/volumes: Volume names must be unique"),
        violations(
            app("/a")
                .with(volume().name("vol").shared(true))
                .with(volume().name("vol").shared(true).containerPath("b"))
                .build()));
  }

  @Test
  void aCsiAndADvdiVolumeNamedAlikeInOneAppAreRefused_appValidationScala124() {
    assertEquals(
        List.of("/apps(0)/container/volumes: Volume names must be unique"),
        violations(
            app("/a").at("/apps(0)")
                .with(volume().name("vol"))
                .with(volume().name("vol").provider("csi").containerPath("b"))
                .build()));
  }

  @Test
  void volumesOfOtherProvidersDoNotTakeNames() {
    assertEquals(
        List.of(),
        violations(
            app("/a").with(volume().name("vol")).build(),
            app("/b").with(volume().name("vol").provider("csi")).build()));
  }
}
