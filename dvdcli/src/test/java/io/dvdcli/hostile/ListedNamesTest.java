package io.dvdcli.hostile;

import static io.dvdcli.hostile.Behaviours.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Volume names in a List answer are the plugin's text. Printed one per line, a name holding a line
 * break would read as two volumes (a plugin could list a volume that does not exist, or hide one
 * behind an escape sequence), so such a name is left out of the lines with one warning naming it
 * escaped; {@code --json} keeps every name exact.
 */
class ListedNamesTest {
  @TempDir Path tmp;
  private HostileFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new HostileFixture(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  /** The plugin lists {@code a}, the given name, then {@code d}. */
  private Dvdcli.Result list(String name, String... flags) throws Exception {
    String listed = PluginJson.MAPPER.writeValueAsString(name);
    fixture.plugin().on("VolumeDriver.List",
        json(200, "{\"Volumes\":[{\"Name\":\"a\"},{\"Name\":" + listed + "},{\"Name\":\"d\"}]}"));
    List<String> args = new ArrayList<>(List.of("list", "--volumedriver=" + HostileFixture.DRIVER));
    args.addAll(List.of(flags));
    return new InProcess(fixture.sockets(), fixture.specs()).run(args.toArray(new String[0]));
  }

  static Stream<Arguments> namesWithAControlCharacter() {
    return Stream.of(
        Arguments.of("b\nc", "b\\x0ac"),
        Arguments.of("b\r\nc", "b\\x0d\\x0ac"),
        Arguments.of("\nd", "\\x0ad"),
        Arguments.of("b\u0000c", "b\\x00c"),
        Arguments.of("\u001b[2K\rz", "\\x1b[2K\\x0dz"),
        Arguments.of("b\u009b31mc", "b\\x9b31mc"),
        Arguments.of("b\u0085c", "b\\x85c"));
  }

  @ParameterizedTest
  @MethodSource("namesWithAControlCharacter")
  void aNameWithAControlCharacterIsLeftOutOfTheLinesWithOneWarningNamingItEscaped(String name, String shown)
      throws Exception {
    Dvdcli.Result r = list(name);
    assertEquals(0, r.exit(), r.toString());
    assertEquals("a\nd\n", r.stdout());
    assertEquals("dvdcli: warning: left out volume '" + shown
        + "': its name holds a control character (--json shows it)\n", r.stderr());
  }

  @ParameterizedTest
  @MethodSource("namesWithAControlCharacter")
  void jsonKeepsTheNameExact(String name, String shown) throws Exception {
    Dvdcli.Result r = list(name, "--json");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.stderr());
    assertEquals(1, r.stdout().lines().count(), "JSON escapes the line break: " + r.stdout());
    List<String> names = new ArrayList<>();
    for (JsonNode v : PluginJson.MAPPER.readTree(r.stdoutBytes())) {
      names.add(v.get("name").asText());
    }
    assertEquals(List.of("a", name, "d"), names);
  }

  /** Names --volumename takes are listed as they are, whatever their script or punctuation. */
  @ParameterizedTest
  @ValueSource(strings = {"b c", "café", "\uD83E\uDD86", "a\u2028b", "\u202Eevil", "'\"\\", "-rf", "%s%n"})
  void aNameWithoutAControlCharacterIsListedAsItIs(String name) throws Exception {
    Dvdcli.Result r = list(name);
    assertEquals(0, r.exit(), r.toString());
    assertEquals("a\n" + name + "\nd\n", r.stdout());
    assertEquals("", r.stderr());
  }
}
