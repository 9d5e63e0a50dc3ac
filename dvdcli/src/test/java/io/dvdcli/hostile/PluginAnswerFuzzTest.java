package io.dvdcli.hostile;

import static io.dvdcli.hostile.OneLine.assertOneLine;
import static io.dvdcli.hostile.OneLine.assertUsableOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.plugin.codec.WireCodec;
import io.dvdcli.plugin.transport.AnswerTextProbe;
import io.dvdcli.protocol.ActivateResponse;
import io.dvdcli.protocol.CapabilitiesResponse;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.protocol.GetResponse;
import io.dvdcli.protocol.ListResponse;
import io.dvdcli.protocol.MountpointResponse;
import io.dvdcli.protocol.PluginAnswer;
import io.dvdcli.protocol.VolumeEntry;
import io.dvdcli.volume.MountPointsProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Whatever bytes a plugin answers: every wire record decodes or fails with an IOException (Jackson's
 * JsonProcessingException, or CharConversionException for bytes in no JSON encoding; PluginClient
 * turns both into exit 6); the texts made of a body are one line; and a mount point is used only if
 * it is absolute, normalised and prints back unchanged. Seeds replay in every build; scripts/fuzz
 * fuzzes.
 */
class PluginAnswerFuzzTest {
  private static final List<Class<? extends PluginAnswer>> ANSWERS = List.of(ActivateResponse.class, ErrorResponse.class,
      GetResponse.class, ListResponse.class, MountpointResponse.class, CapabilitiesResponse.class);

  @FuzzTest(maxDuration = "10s")
  void anyAnswerDecodesOrFailsAsDocumentedAndNeverYieldsAnUnusableMountPoint(byte[] body) {
    for (Class<? extends PluginAnswer> type : ANSWERS) {
      Object decoded;
      try {
        // What dvdcli runs: the streaming codec. Where it decodes, the mapper (what the plugin side
        // and the tests use) must agree, unless the mapper refuses an Err given twice.
        decoded = WireCodec.decode(body, type);
      } catch (IOException documented) {
        continue;
      }
      try {
        Object mapped = PluginJson.MAPPER.readValue(body, type);
        assertEquals(mapped, decoded, type.getSimpleName());
      } catch (IOException mapperRefused) {
        // The one documented difference (WireCodec): an Err given twice, which the mapper refuses
        // for some records, in words that vary ("Duplicate creator property", "No fallback setter").
        assertTrue(errGivenTwice(body), () -> "the codec took what the mapper refuses: " + mapperRefused.getMessage());
      }
      if (decoded instanceof MountpointResponse m && m.mountpoint() != null) {
        checkMountPoint(m.mountpoint());
      } else if (decoded instanceof GetResponse g && g.volume() != null) {
        checkEntry(g.volume());
      } else if (decoded instanceof ListResponse l) {
        l.volumes().forEach(PluginAnswerFuzzTest::checkEntry);
      }
    }
    assertOneLine(AnswerTextProbe.errorMessage(body));
    assertOneLine(AnswerTextProbe.describeBody(body));
    checkMountPoint(new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the answer's top-level object names Err (or its alias Error, any case) more than once. */
  private static boolean errGivenTwice(byte[] body) {
    int seen = 0;
    try (JsonParser p = PluginJson.MAPPER.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName().toLowerCase(Locale.ROOT);
        if (name.equals("err") || name.equals("error")) {
          seen++;
        }
        p.nextToken();
        p.skipChildren();
      }
    } catch (IOException e) {
      return false;
    }
    return seen > 1;
  }

  private static void checkEntry(VolumeEntry v) {
    if (v.mountpoint() != null) {
      checkMountPoint(v.mountpoint());
    }
  }

  private static void checkMountPoint(String mp) {
    assertUsableOrRefused(mp, MountPointsProbe.problem(mp));
  }
}
