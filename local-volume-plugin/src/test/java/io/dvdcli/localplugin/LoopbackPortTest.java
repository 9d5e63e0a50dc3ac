package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class LoopbackPortTest {

  @ParameterizedTest
  @CsvSource({"127.0.0.1:8080, 8080", "localhost:0, 0", "127.0.0.1:65535, 65535"})
  void aLoopbackHostAndPortGiveThePort(String value, int port) {
    assertEquals(port, new LoopbackPort().convert(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0:80", "10.0.0.1:80", ":80", "8080", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1:65536", "127.0.0.1:-1"})
  void anythingElseIsRefused(String value) {
    assertThrows(TypeConversionException.class, () -> new LoopbackPort().convert(value));
  }
}
