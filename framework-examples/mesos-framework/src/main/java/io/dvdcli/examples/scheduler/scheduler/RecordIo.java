package io.dvdcli.examples.scheduler.scheduler;

import java.nio.charset.StandardCharsets;

/**
 * RecordIO framing of the event stream (Mesos docs/recordio.md): each record is its length in
 * bytes as ASCII decimal, a line feed, then exactly that many bytes.
 */
public final class RecordIo {
  private RecordIo() {}

  public static byte[] frame(byte[] record) {
    byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[header.length + record.length];
    System.arraycopy(header, 0, framed, 0, header.length);
    System.arraycopy(record, 0, framed, header.length, record.length);
    return framed;
  }
}
