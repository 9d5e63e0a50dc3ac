package io.dvdcli.shim.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintStream;

/** Encodes a command's answer (a result record) for stdout: one JSON document, one line, nulls left out. */
final class AnswerJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL)).build();

  private AnswerJson() {}

  static void print(PrintStream out, Object answer) {
    try {
      out.println(MAPPER.writeValueAsString(answer));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Answers are records and always serialise", e);
    }
  }
}
