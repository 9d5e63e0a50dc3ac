package io.dvdcli.testsupport.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * How events are written on a subscription stream, per the Accept header of the SUBSCRIBE: the
 * binary message, or its JSON form with the proto field names as Mesos's {@code JSON::protobuf}
 * writes them (one difference: 64-bit integers come out as strings here, as numbers from Mesos).
 */
enum Encoding {
  PROTOBUF(SchedulerEndpoint.PROTOBUF),
  JSON("application/json");

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();

  private final String mediaType;

  Encoding(String mediaType) {
    this.mediaType = mediaType;
  }

  String mediaType() {
    return mediaType;
  }

  byte[] encode(Event event) {
    if (this == PROTOBUF) {
      return event.toByteArray();
    }
    try {
      return PRINTER.print(event).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an Event the stand-in built cannot be printed as JSON", e);
    }
  }
}
