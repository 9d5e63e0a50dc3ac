package io.dvdcli.untrusted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UntrustedTextTest {
  static Stream<Arguments> quotedValues() {
    return Stream.of(
        Arguments.of("vol1", "vol1"),
        Arguments.of("b\nc", "b\\x0ac"),
        Arguments.of("b\r\nc", "b\\x0d\\x0ac"),
        Arguments.of("\u001b[2K\rz", "\\x1b[2K\\x0dz"),
        Arguments.of("b\u009b31mc", "b\\x9b31mc"),
        Arguments.of("a\u007fb", "a\\x7fb"),
        Arguments.of("ünïcødé 日本語", "ünïcødé 日本語"));
  }

  @ParameterizedTest
  @MethodSource("quotedValues")
  void aQuotedValueShowsEveryControlCharacterAsAnEscapeAndNothingElseChanges(String text, String shown) {
    assertEquals(shown, UntrustedText.quoted(text));
  }

  @ParameterizedTest(name = "{0} chars with a limit of 5 -> {1}")
  @CsvSource({"4,aaaa", "5,aaaaa", "6,aaaaa...", "300,aaaaa..."})
  void aQuotedValueIsCutAtItsLimitAndTheCutIsMarked(int length, String shown) {
    assertEquals(shown, UntrustedText.quoted("a".repeat(length), 5));
  }

  static Stream<Arguments> summarisedMessages() {
    return Stream.of(
        Arguments.of("no such volume", "no such volume"),
        Arguments.of("  line one\n\tline two \r\n", "line one line two"),
        Arguments.of("\u0000\u0000 ", ""),
        Arguments.of("a\u001b[0mb", "a [0mb"));
  }

  @ParameterizedTest
  @MethodSource("summarisedMessages")
  void aSummarisedMessageIsOneLineOfWords(String text, String shown) {
    assertEquals(shown, UntrustedText.summarised(text));
  }

  @ParameterizedTest(name = "{0} words")
  @CsvSource({"60", "2000"})
  void aLongSummarisedMessageIsCutAtItsLimitAndTheCutIsMarked(int words) {
    String shown = UntrustedText.summarised("line\n".repeat(words));
    assertTrue(shown.endsWith(UntrustedText.CUT) == (words * 5 - 1 > UntrustedText.MESSAGE_LIMIT), shown);
    assertTrue(shown.length() <= UntrustedText.MESSAGE_LIMIT + UntrustedText.CUT.length(), shown);
  }

  @ParameterizedTest(name = "{0} is a secret key: {1}")
  @CsvSource({
      "password,true", "PASSWD,true", "s3.secretKey,true", "authToken,true", "access_key,true",
      "credentials,true", "pass,true", "size,false", "iops,false", "remote,false", "mode,false"})
  void secretKeysAreRecognisedByWhatTheirNameHoldsInAnyCase(String key, boolean secret) {
    assertEquals(secret, SecretKeys.looksSecret(key));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"token", "size"})
  void maskedOptionsHideOnlySecretValues(String key) {
    Map<String, String> shown = SecretKeys.masked(Map.of(key, "v", "z", "w"));
    assertEquals(SecretKeys.looksSecret(key) ? SecretKeys.MASK : "v", shown.get(key));
    assertEquals("w", shown.get("z"));
    assertFalse(UntrustedText.hasControlCharacter(String.join("", shown.values())));
  }
}
