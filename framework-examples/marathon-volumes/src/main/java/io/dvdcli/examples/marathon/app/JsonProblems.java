package io.dvdcli.examples.marathon.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/** Turns a Jackson failure into "PATH: reason" on one line, with Marathon-style paths. */
final class JsonProblems {
  private JsonProblems() {}

  static String describe(String basePath, JsonProcessingException e) {
    StringBuilder path = new StringBuilder(basePath);
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          path.append('/').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('(').append(ref.getIndex()).append(')');
        }
      }
    }
    return (path.length() == 0 ? "/" : path) + ": " + reason(e);
  }

  private static String reason(JsonProcessingException e) {
    Throwable cause = e.getCause();
    if (e instanceof ValueInstantiationException && cause != null && cause.getMessage() != null) {
      return cause.getMessage();
    }
    String message = e.getOriginalMessage();
    // Jackson appends advice on its own configuration that means nothing to the user.
    int advice = message.indexOf(" (but ");
    message = advice > 0 ? message.substring(0, advice) : message;
    int lineBreak = message.indexOf('\n');
    return lineBreak > 0 ? message.substring(0, lineBreak) : message;
  }
}
