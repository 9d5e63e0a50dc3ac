package io.dvdcli.examples.marathon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppIdsTest {
  @ParameterizedTest(name = "{0} in {1} is {2}")
  @CsvSource({
    "web, /, /web",
    "/web, /prod, /web",
    "web, /prod, /prod/web",
    "back/api, /prod, /prod/back/api",
    "../web, /prod/back, /prod/web",
    "./web, /prod, /prod/web",
    "//a//b/, /, /a/b",
    "../../../x, /a, /x",
  })
  void relativeIdsResolveAgainstTheirGroup(String id, String base, String expected) {
    assertEquals(expected, AppIds.canonical(id, base));
  }
}
