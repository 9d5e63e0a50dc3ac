package io.dvdcli.examples.mesos.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.testsupport.mesos.RecordIo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordIoTest {

  @ParameterizedTest(name = "a {0}-byte record is framed as its decimal length, a line feed and the bytes")
  @ValueSource(ints = {0, 1, 9, 10, 99, 100, 65_536})
  void framesARecordAsLengthLineFeedBytes(int size) {
    byte[] record = new byte[size];
    for (int i = 0; i < size; i++) {
      record[i] = (byte) i;
    }
    byte[] framed = RecordIo.frame(record);
    String header = size + "\n";
    assertEquals(header, new String(framed, 0, header.length(), StandardCharsets.US_ASCII));
    assertEquals(header.length() + size, framed.length);
  }

  @ParameterizedTest(name = "records of sizes {0} come back whole when the stream delivers {1} byte(s) per read")
  @CsvSource({
      "'1,2,3', 1",
      "'10,0,300', 1",
      "'10,0,300', 3",
      "'70000,5', 1000",
      "'128', 100000"})
  void readsRecordsBackWhateverTheChunking(String sizes, int chunk) throws IOException {
    List<byte[]> records = java.util.Arrays.stream(sizes.split(","))
        .map(size -> payload(Integer.parseInt(size.trim())))
        .toList();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (byte[] record : records) {
      stream.writeBytes(RecordIo.frame(record));
    }
    RecordIoReader reader = new RecordIoReader(chunked(stream.toByteArray(), chunk), 1 << 20);
    for (byte[] record : records) {
      assertArrayEquals(record, reader.next().orElseThrow());
    }
    assertEquals(Optional.empty(), reader.next());
  }

  @Test
  void anEmptyStreamHasNoRecords() throws IOException {
    assertTrue(new RecordIoReader(new ByteArrayInputStream(new byte[0]), 100).next().isEmpty());
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(delimiter = '|', value = {
      "12                   | ended inside a length header",
      "5\\nabc               | ended after 3 of 5 bytes",
      "\\nabc                | empty length header",
      "-3\\nabc              | non-digit byte 0x2d",
      "3 \\nabc              | non-digit byte 0x20",
      "12345678901234567890\\n | longer than 19 digits",
      "1001\\n               | exceeds the limit of 1000 bytes"})
  void refusesMalformedFraming(String stream, String reason) {
    RecordIoReader reader = new RecordIoReader(
        new ByteArrayInputStream(stream.replace("\\n", "\n").getBytes(StandardCharsets.US_ASCII)), 1000);
    IOException error = assertThrows(IOException.class, reader::next);
    assertTrue(error.getMessage().startsWith("Failed to read RecordIO record: "), error.getMessage());
    assertTrue(error.getMessage().contains(reason), error.getMessage());
  }

  private static byte[] payload(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return bytes;
  }

  /**
   * Hands out at most {@code chunk} bytes per read, as HTTP chunks or TCP segments may, and refuses
   * zero-length reads: OkHttp's stream blocks on those until more data arrives.
   */
  private static InputStream chunked(byte[] bytes, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
          throw new AssertionError("a zero-length read would block on a live stream");
        }
        return super.read(buffer, offset, Math.min(length, chunk));
      }
    };
  }
}
