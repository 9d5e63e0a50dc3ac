package io.dvdcli.startup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.testing.Dvdcli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeanSecurityTest {
  @ParameterizedTest(name = "SHA-256 of {0} bytes is the JDK's")
  @ValueSource(ints = {0, 1, 55, 56, 64, 1000, 1 << 20})
  void theDigestIsTheJdksSha256(int length) throws Exception {
    byte[] input = new byte[length];
    for (int i = 0; i < length; i++) {
      input[i] = (byte) (i * 31 + 7);
    }
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(input), LeanSecurity.sha256().digest(input));
  }

  @Test
  void theDigestMatchesTheStandardTestVector() {
    byte[] digest = LeanSecurity.sha256().digest("abc".getBytes(StandardCharsets.US_ASCII));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HexFormat.of().formatHex(digest));
  }

  @Test
  void activeExactlyWhenTheJdkPackagesAreOpenToIt() {
    Module java = Object.class.getModule();
    Module ours = LeanSecurity.class.getModule();
    boolean open = java.isExported("sun.security.jca", ours) && java.isExported("sun.security.provider", ours);
    assertEquals(open, LeanSecurity.active());
  }

  @Test
  void theLauncherPassesTheFlagsItNeeds() throws Exception {
    String launcher = Files.readString(Dvdcli.launcher());
    assertTrue(launcher.contains(LeanSecurity.JVM_FLAGS), "scripts/dvdcli passes: " + LeanSecurity.JVM_FLAGS);
  }

  @Test
  void preparingTwiceIsHarmlessAndChannelsStillOpen() throws Exception {
    LeanSecurity.prepareUnixSockets();
    LeanSecurity.prepareUnixSockets();
    try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      assertTrue(channel.isOpen());
    }
  }
}
