package io.dvdcli.hostile;

import static io.dvdcli.hostile.OneLine.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dvdcli.plugin.SpecFileProbe;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Any spec file content, in either form, gives a plugin address dvdcli can call, or a PluginException
 * of kind INVALID_SPEC (exit 3) with a one-line message.
 */
class SpecFileFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("dvdcli-spec-fuzz");
      DIR.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anySpecFileGivesAnAddressOrIsAnUnusableSpec(FuzzedDataProvider data) throws IOException {
    Path file = DIR.resolve(data.pickValue(List.of("fuzz.json", "fuzz.spec")));
    Files.write(file, data.consumeRemainingAsBytes());
    try {
      PluginAddress a = SpecFileProbe.read("fuzz", file);
      assertTrue(Set.of("unix", "tcp", "http", "https").contains(a.uri().getScheme().toLowerCase()), a.toString());
      if (a.isUnixSocket()) {
        assertTrue(!a.uri().getPath().isEmpty(), a.toString());
      } else {
        assertTrue(a.uri().getHost() != null && a.uri().getPort() >= 0, a.toString());
      }
    } catch (PluginException unusable) {
      assertEquals(PluginException.Kind.INVALID_SPEC, unusable.kind());
      assertOneLine(unusable.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
