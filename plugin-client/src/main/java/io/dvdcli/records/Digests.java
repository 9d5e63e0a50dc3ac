package io.dvdcli.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short fixed-length name for any text (a path, a volume id, a set of parameters): record file
 * names and the mount IDs the Kubernetes front ends derive. Not on dvdcli's start-up path, which has
 * its own (io.dvdcli.mountids).
 */
public final class Digests {
  private Digests() {}

  /** SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex digits. */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
