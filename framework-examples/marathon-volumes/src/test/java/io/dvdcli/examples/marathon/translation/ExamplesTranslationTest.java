package io.dvdcli.examples.marathon.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvdcli.examples.marathon.TestApps;
import io.dvdcli.examples.marathon.app.AppDefinitionReader;
import io.dvdcli.examples.marathon.app.MarathonApp;
import io.dvdcli.examples.marathon.validation.AppsValidator;
import io.dvdcli.examples.marathon.validation.ValidationOptions;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each shipped example, translated, equals the Mesos Volume JSON written down by hand. */
class ExamplesTranslationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "valid/rexray-mysql.json, rexray-mysql.json, false",
    "valid/convoy-backups.json, convoy-backups.json, false",
    "valid/localvol-scratch.json, localvol-scratch.json, false",
    "valid/docker-web.json, docker-web.json, false",
    "valid/shared-group.json, shared-group.json, false",
    "managed-plugins/sshfs.json, sshfs.json, true",
  })
  void anExampleTranslatesToTheVolumesTheAgentReceives(
      String example, String expectedFile, boolean managedPlugins) throws Exception {
    List<MarathonApp> apps = new AppDefinitionReader().read(TestApps.examples().resolve(example));
    ValidationOptions options = new ValidationOptions(managedPlugins, false);
    assertEquals(List.of(), new AppsValidator(options).validate(apps), "the example must be valid");

    Map<String, List<Protos.Volume>> volumes = new LinkedHashMap<>();
    apps.forEach(app -> volumes.put(app.id(), new DockerVolumeTranslator().translate(app)));
    JsonNode printed = JSON.readTree(new TranslationPrinter().print(volumes));

    assertEquals(expected(expectedFile), printed);
  }

  private static JsonNode expected(String name) throws Exception {
    try (InputStream in = ExamplesTranslationTest.class.getResourceAsStream("/expected/" + name)) {
      return JSON.readTree(in);
    }
  }
}
