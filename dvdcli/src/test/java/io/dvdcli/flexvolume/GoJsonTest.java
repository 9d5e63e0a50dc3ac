package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings as Go 1.22+ {@code json.Marshal(map[string]string{...})} writes them. */
class GoJsonTest {
  @Test
  void keysAreSortedAndNothingIsSpaced() {
    assertEquals("{\"b\":\"2\",\"kubernetes.io/fsType\":\"\",\"size\":\"5\"}",
        GoJson.marshal(Map.of("size", "5", "b", "2", "kubernetes.io/fsType", "")));
  }

  @Test
  void goEscapesHtmlCharactersLineSeparatorsAndControls() {
    assertEquals("{\"o\":\"\\u003ca\\u003e\\u0026\\u2028\\u2029\\\"\\\\\\n\\t\\b\\u0001\\u001fé\"}",
        GoJson.marshal(Map.of("o", "<a>&\u2028\u2029\"\\\n\t\b\u0001\u001fé")));
  }
}
