package io.dvdcli.testsupport.mesos;

import java.nio.charset.StandardCharsets;

/**
 * RecordIO framing of the event stream (Mesos docs/recordio.md): each record is its length in
 * bytes as ASCII decimal, a line feed, then exactly that many bytes. The master's side (the
 * stand-in writes the stream, tests script masters with it); the framework only reads.
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
