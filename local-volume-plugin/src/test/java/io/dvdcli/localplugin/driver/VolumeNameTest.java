package io.dvdcli.localplugin.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeNameTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"123", "vol-1", "my.vol_2", "v", ".hidden", "a..b", "...", "with space", "ünïcødé", "日本語", "x:y@z", "-dash"})
  void ordinaryAndHarmlessUnusualNamesAreAccepted(String name) throws Exception {
    assertEquals(name, VolumeName.of("create", name).value());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''            | the name is empty
          .             | the name must not be '.' or '..'
          ..            | the name must not be '.' or '..'
          ../etc        | the name must not contain '/' or '\\'
          a/b           | the name must not contain '/' or '\\'
          /abs          | the name must not contain '/' or '\\'
          ..\\x         | the name must not contain '/' or '\\'
          """)
  void namesThatCouldLeaveTheStateRootAreRefused(String name, String problem) {
    VolumeException e = assertThrows(VolumeException.class, () -> VolumeName.of("create", name));
    assertEquals("Failed to create volume '" + name + "': " + problem, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\nb", "a\rb", "\tv", "v\u007f", "v\u0085"})
  void controlCharactersAreRefusedAndEscapedInTheMessage(String name) {
    VolumeException e = assertThrows(VolumeException.class, () -> VolumeName.of("mount", name));
    assertEquals(-1, e.getMessage().chars().filter(Character::isISOControl).findAny().orElse(-1));
    assertEquals(
        "the name must not contain control characters",
        e.getMessage().substring(e.getMessage().indexOf("': ") + 3));
  }

  @ParameterizedTest
  @CsvSource({"255, true", "256, false"})
  void namesUpTo255BytesAreAccepted(int bytes, boolean accepted) {
    String name = "v".repeat(bytes);
    if (accepted) {
      assertEquals(name, new VolumeName(name).value());
    } else {
      assertThrows(IllegalArgumentException.class, () -> new VolumeName(name));
    }
  }

  @ParameterizedTest
  @CsvSource({"127, true", "128, false"})
  void theLimitCountsUtf8BytesNotCharacters(int chars, boolean accepted) {
    String name = "é".repeat(chars); // two bytes each
    assertEquals(accepted, isValid(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "a\udc00", "\udc00\ud800"})
  void unpairedSurrogatesAreRefused(String name) {
    assertEquals(false, isValid(name));
  }

  private static boolean isValid(String name) {
    try {
      new VolumeName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
