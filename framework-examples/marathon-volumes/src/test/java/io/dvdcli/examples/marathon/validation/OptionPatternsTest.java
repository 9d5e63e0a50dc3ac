package io.dvdcli.examples.marathon.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionPatternsTest {

  @ParameterizedTest(name = "label \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "rexray|true",
        "a|true",
        "local-persist|true",
        "x1-2|true",
        "-a|false",
        "a-|false",
        "A|false",
        "a_b|false",
        "a.b|false",
        "a/b|false",
        "''|false",
        "' a'|false",
      })
  void labelsAreLowerCaseAlphanumericsWithInnerDashes(String value, boolean expected) {
    assertEquals(expected, OptionPatterns.isLabel(value));
  }

  @ParameterizedTest(name = "key \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dvdi/driver|true",
        "dvdi/Size|true",
        "dcos/a.b_c:d-e|true",
        "dvdi/x|true",
        "size|false",
        "dvdi/|false",
        "dvdi/x.|false",
        "DVDI/x|false",
        "dvdi/a b|false",
        "dvdi/a/b|false",
      })
  void optionKeysAreANamespaceLabelASlashAndAName(String key, boolean expected) {
    assertEquals(expected, OptionPatterns.isOptionKey(key));
  }

  @org.junit.jupiter.api.Test
  void oneTrailingLineBreakPassesAsWithMarathonsPartialMatch() {
    // wix-accord's matchRegex uses find(), and '$' matches before a final line terminator.
    assertEquals(true, OptionPatterns.isLabel("rexray\n"));
    assertEquals(true, OptionPatterns.isOptionKey("dvdi/driver\n"));
    assertEquals(false, OptionPatterns.isLabel("rexray\n\n"));
  }
}
