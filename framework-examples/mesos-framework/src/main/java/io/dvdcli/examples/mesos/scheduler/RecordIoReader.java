package io.dvdcli.examples.mesos.scheduler;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads RecordIO records from a stream whatever its chunking: HTTP chunk boundaries may fall
 * anywhere, including inside a length header.
 */
public final class RecordIoReader {
  /** Longest length header we accept; 19 digits covers any record we could hold in memory. */
  private static final int MAX_HEADER_DIGITS = 19;

  private final InputStream in;
  private final long maxRecordBytes;

  public RecordIoReader(InputStream in, long maxRecordBytes) {
    if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxRecordBytes out of range: " + maxRecordBytes);
    }
    this.in = in;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The next record, or empty when the stream ends cleanly between records. */
  public Optional<byte[]> next() throws IOException {
    long length = 0;
    int digits = 0;
    while (true) {
      int b = in.read();
      if (b == -1) {
        if (digits == 0) {
          return Optional.empty();
        }
        throw new EOFException("Failed to read RecordIO record: the stream ended inside a length header");
      }
      if (b == '\n') {
        break;
      }
      if (b < '0' || b > '9') {
        throw new IOException("Failed to read RecordIO record: length header has the non-digit byte 0x"
            + Integer.toHexString(b));
      }
      if (++digits > MAX_HEADER_DIGITS) {
        throw new IOException("Failed to read RecordIO record: length header is longer than "
            + MAX_HEADER_DIGITS + " digits");
      }
      length = length * 10 + (b - '0');
    }
    if (digits == 0) {
      throw new IOException("Failed to read RecordIO record: empty length header");
    }
    if (length > maxRecordBytes) {
      throw new IOException("Failed to read RecordIO record: length " + length
          + " exceeds the limit of " + maxRecordBytes + " bytes");
    }
    // Not InputStream.readNBytes: it ends with a zero-length read, on which OkHttp's stream blocks
    // until more data arrives, i.e. until the master's next event.
    byte[] record = new byte[(int) length];
    int filled = 0;
    while (filled < record.length) {
      int n = in.read(record, filled, record.length - filled);
      if (n < 0) {
        throw new EOFException("Failed to read RecordIO record: the stream ended after "
            + filled + " of " + length + " bytes");
      }
      filled += n;
    }
    return Optional.of(record);
  }
}
