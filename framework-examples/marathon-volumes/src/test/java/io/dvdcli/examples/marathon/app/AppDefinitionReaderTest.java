package io.dvdcli.examples.marathon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppDefinitionReaderTest {
  @TempDir Path dir;

  private Path write(String name, String json) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }

  private static String volume(String fields) {
    return "{\"id\":\"a\",\"container\":{\"type\":\"MESOS\",\"volumes\":[" + fields + "]}}";
  }

  @Test
  void anAppGetsMarathonsDefaults() throws Exception {
    MarathonApp app = new AppDefinitionReader().read(write("a.json", "{\"id\":\"web\"}")).get(0);
    assertEquals("/web", app.id());
    assertEquals(1, app.instances());
    assertEquals(EngineType.DOCKER, app.engine());
    assertNull(app.upgradeStrategy());
    assertEquals(List.of(), app.externalVolumes());
    assertEquals(new Location(dir.resolve("a.json"), ""), app.location());
  }

  @Test
  void anExternalVolumeKeepsWhatWasDeclaredAndItsIndexAmongAllVolumes() throws Exception {
    String json =
        volume(
            "{\"containerPath\":\"/h\",\"hostPath\":\"/tmp\",\"mode\":\"RW\"},"
                + "{\"containerPath\":\"d\",\"mode\":\"rw\",\"external\":{\"name\":\"n\",\"provider\":\"dvdi\","
                + "\"size\":7,\"shared\":true,\"options\":{\"dvdi/driver\":\"rexray\",\"dvdi/b\":\"2\",\"dvdi/a\":\"1\"}}}");
    ExternalVolume v =
        new AppDefinitionReader().read(write("a.json", json)).get(0).externalVolumes().get(0);
    assertEquals(1, v.index());
    assertEquals("d", v.containerPath());
    assertEquals(ReadMode.RW, v.mode());
    assertEquals(7L, v.size());
    assertEquals("n", v.name());
    assertTrue(v.shared());
    assertEquals(List.of("dvdi/driver", "dvdi/b", "dvdi/a"), List.copyOf(v.options().keySet()));
  }

  @Test
  void aCsiVolumeIsNotReadAsADvdiVolume() throws Exception {
    String json =
        volume(
            "{\"containerPath\":\"d\",\"mode\":\"RW\",\"external\":{\"name\":\"n\",\"provider\":\"csi\","
                + "\"options\":{\"pluginName\":\"p\",\"capability\":{\"accessMode\":\"SINGLE_NODE_WRITER\"}}}}");
    assertEquals(
        List.of(), new AppDefinitionReader().read(write("a.json", json)).get(0).externalVolumes());
  }

  @Test
  void nestedGroupsResolveRelativeIdsAndRecordWhereEachAppSits() throws Exception {
    String json =
        "{\"id\":\"/prod\",\"apps\":[{\"id\":\"web\"},{\"id\":\"/abs/db\"}],"
            + "\"groups\":[{\"id\":\"back\",\"apps\":[{\"id\":\"api\"},{\"id\":\"../up\"},{\"id\":\"./here\"}]}]}";
    Path file = write("g.json", json);
    List<MarathonApp> apps = new AppDefinitionReader().read(file);
    assertEquals(
        List.of("/prod/web", "/abs/db", "/prod/back/api", "/prod/up", "/prod/back/here"),
        apps.stream().map(MarathonApp::id).toList());
    assertEquals(
        List.of(
            "/apps(0)",
            "/apps(1)",
            "/groups(0)/apps(0)",
            "/groups(0)/apps(1)",
            "/groups(0)/apps(2)"),
        apps.stream().map(app -> app.location().jsonPath()).toList());
  }

  @Test
  void aFolderStandsForItsJsonFilesInSortedOrder() throws Exception {
    write("b/two.json", "{\"id\":\"two\"}");
    write("a.json", "{\"id\":\"one\"}");
    write("notes.txt", "not an app");
    List<MarathonApp> apps = new AppLoader(new AppDefinitionReader()).load(List.of(dir));
    assertEquals(List.of("/one", "/two"), apps.stream().map(MarathonApp::id).toList());
  }

  @Test
  void oneAppIdDefinedTwiceIsRefused() throws Exception {
    Path first = write("a.json", "{\"id\":\"/x\"}");
    Path second = write("b.json", "{\"apps\":[{\"id\":\"x\"}]}");
    AppLoadException e =
        assertThrows(
            AppLoadException.class,
            () -> new AppLoader(new AppDefinitionReader()).load(List.of(first, second)));
    assertEquals(
        "Failed to load apps: app id '/x' is defined twice, in '"
            + first
            + "' and '"
            + second
            + " /apps(0)'",
        e.getMessage());
  }

  @Test
  void aMissingPathAndAnEmptyFolderAreRefused() throws Exception {
    AppLoader loader = new AppLoader(new AppDefinitionReader());
    Path missing = dir.resolve("missing.json");
    assertEquals(
        "Failed to read app definitions '" + missing + "': no such file or folder",
        assertThrows(AppLoadException.class, () -> loader.load(List.of(missing))).getMessage());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertEquals(
        "Failed to read app definitions '" + empty + "': the folder holds no .json file",
        assertThrows(AppLoadException.class, () -> loader.load(List.of(empty))).getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | {\"id\": | not valid JSON at line 1, column 7: Unexpected end-of-input"
            + " within/between Object entries",
        "not an object | [1] | expected a JSON object (an app or a group)",
        "no id | {\"cmd\":\"x\"} | /id: missing required field",
        "root as id | {\"id\":\"/\"} | /id: an app id must name an app, got \"/\"",
        "instances as text | {\"id\":\"a\",\"instances\":\"2\"} | /instances: Cannot coerce String"
            + " value (\"2\") to `java.lang.Integer` value",
        "fractional instances | {\"id\":\"a\",\"instances\":1.5} | /instances: Cannot coerce"
            + " Floating-point value (1.5) to `java.lang.Integer` value",
        "negative instances | {\"id\":\"a\",\"instances\":-1} | /instances: must be 0 or more, got"
            + " -1",
        "unknown engine | {\"id\":\"a\",\"container\":{\"type\":\"UCR\"}} | /container/type:"
            + " unknown EngineType \"UCR\", expected one of MESOS, DOCKER",
        "apps not an array | {\"apps\":{}} | /apps: expected an array",
        "group inside apps | {\"groups\":[1]} | /groups(0): expected a group object",
        "half an upgrade strategy |"
            + " {\"id\":\"a\",\"upgradeStrategy\":{\"minimumHealthCapacity\":1}} |"
            + " /upgradeStrategy/maximumOverCapacity: missing required field",
        "over-capacity above 1 |"
            + " {\"id\":\"a\",\"upgradeStrategy\":{\"minimumHealthCapacity\":1,\"maximumOverCapacity\":2}}"
            + " | /upgradeStrategy/maximumOverCapacity: must be between 0.0 and 1.0, got 2.0",
      })
  void whatMarathonsJsonReaderRejectsIsALoadError(String what, String json, String cause)
      throws Exception {
    Path file = write("bad.json", json);
    AppLoadException e =
        assertThrows(AppLoadException.class, () -> new AppDefinitionReader().read(file));
    assertEquals("Failed to read app definition '" + file + "': " + cause, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no mode | {\"containerPath\":\"d\",\"external\":{\"provider\":\"dvdi\"}} |"
            + " /container/volumes(0)/mode: missing required field",
        "no container path | {\"mode\":\"RW\",\"external\":{\"provider\":\"dvdi\"}} |"
            + " /container/volumes(0)/containerPath: missing required field",
        "unknown mode | {\"containerPath\":\"d\",\"mode\":\"RX\",\"external\":{}} |"
            + " /container/volumes(0)/mode: unknown ReadMode \"RX\", expected one of RO, RW",
        "shared as text |"
            + " {\"containerPath\":\"d\",\"mode\":\"RW\",\"external\":{\"shared\":\"true\"}} |"
            + " /container/volumes(0)/external/shared: Cannot coerce String value (\"true\") to"
            + " `java.lang.Boolean` value",
        "option value as number |"
            + " {\"containerPath\":\"d\",\"mode\":\"RW\",\"external\":{\"options\":{\"dvdi/iops\":5}}}"
            + " | /container/volumes(0)/external/options/dvdi/iops: Cannot coerce Integer value (5)"
            + " to `java.lang.String` value",
        "size as text | {\"containerPath\":\"d\",\"mode\":\"RW\",\"external\":{\"size\":\"5\"}} |"
            + " /container/volumes(0)/external/size: Cannot coerce String value (\"5\") to"
            + " `java.lang.Long` value",
        "negative size | {\"containerPath\":\"d\",\"mode\":\"RW\",\"external\":{\"size\":-5}} |"
            + " /container/volumes(0)/external/size: must be 0 or more, got -5",
      })
  void aMalformedExternalVolumeIsALoadErrorAtItsField(String what, String volumeJson, String cause)
      throws Exception {
    Path file = write("bad.json", volume(volumeJson));
    AppLoadException e =
        assertThrows(AppLoadException.class, () -> new AppDefinitionReader().read(file));
    assertEquals("Failed to read app definition '" + file + "': " + cause, e.getMessage());
  }

  @Test
  void enumLiteralsAreReadInAnyCase() throws Exception {
    String json =
        "{\"id\":\"a\",\"container\":{\"type\":\"mesos\",\"volumes\":[{\"containerPath\":\"d\",\"mode\":\"Ro\","
            + "\"external\":{\"name\":\"n\",\"provider\":\"dvdi\",\"options\":{}}}]}}";
    MarathonApp app = new AppDefinitionReader().read(write("a.json", json)).get(0);
    assertEquals(EngineType.MESOS, app.engine());
    assertEquals(ReadMode.RO, app.externalVolumes().get(0).mode());
    assertEquals(Map.of(), app.externalVolumes().get(0).options());
  }
}
