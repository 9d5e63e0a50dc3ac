package io.dvdcli.examples.marathon.translation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;

/**
 * Prints {@code {"<app id>": [Volume, ...], ...}}; each Volume is protobuf's own JSON form with the
 * proto field names ({@code container_path}, {@code docker_volume}), as Mesos writes and reads it.
 */
public final class TranslationPrinter {
  private final JsonFormat.Printer protoPrinter =
      JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String print(Map<String, List<Protos.Volume>> volumesByApp) {
    ObjectNode root = mapper.createObjectNode();
    try {
      for (Map.Entry<String, List<Protos.Volume>> app : volumesByApp.entrySet()) {
        ArrayNode volumes = root.putArray(app.getKey());
        for (Protos.Volume volume : app.getValue()) {
          volumes.add(mapper.readTree(protoPrinter.print(volume)));
        }
      }
      return mapper.writeValueAsString(root);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      // Both sides are this process's own well-formed messages; failing here is a bug.
      throw new IllegalStateException("Failed to print volumes as JSON: " + e.getMessage(), e);
    }
  }
}
