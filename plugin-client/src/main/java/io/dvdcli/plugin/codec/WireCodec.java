package io.dvdcli.plugin.codec;

import io.dvdcli.protocol.CreateRequest;
import io.dvdcli.protocol.MountRequest;
import io.dvdcli.protocol.PluginAnswer;
import io.dvdcli.protocol.VolumeNameRequest;
import java.io.IOException;

/**
 * The wire records as the client reads and writes them on its hot path. Plain answers and requests
 * go through {@link WireReader} and {@link WireWriter}, which load nothing of Jackson; whatever
 * they do not take on — any malformed, unusual or edge-case JSON — goes to {@link JacksonWire}
 * (Jackson's streaming core), so refusals and their words are Jackson's. Both paths decode exactly
 * as {@link PluginJson#MAPPER} does and write the bytes it writes (WireCodecTest, and the answer
 * fuzzer on any input), save the one difference JacksonWire documents.
 */
public final class WireCodec {
  private WireCodec() {}

  /** A request body: CreateRequest, VolumeNameRequest, MountRequest, or an empty map for {@code {}}. */
  public static byte[] encode(Object request) throws IOException {
    byte[] fast = WireWriter.write(request);
    return fast != null ? fast : JacksonWire.encode(request);
  }

  /**
   * The answer when it is a plain one (a well-formed object of strings, lists and plain values, each
   * field once), read without Jackson; {@code null} for anything else. For the error path, where a
   * plugin's usual {@code {"Err":"..."}} must not cost Jackson's whole start-up.
   */
  public static <T extends PluginAnswer> T decodePlain(byte[] json, Class<T> type) {
    return WireReader.read(json, type);
  }

  /** An answer of the given record type; {@code null} for a JSON {@code null}. */
  public static <T extends PluginAnswer> T decode(byte[] json, Class<T> type) throws IOException {
    T fast = WireReader.read(json, type);
    return fast != null ? fast : JacksonWire.decode(json, type);
  }
}
