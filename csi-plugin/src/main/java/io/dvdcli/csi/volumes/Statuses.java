package io.dvdcli.csi.volumes;

import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.volume.NotFoundAnswers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;

/**
 * CSI's status codes for what the Docker plugin side says (the spec's error tables): a plugin
 * that is missing, stopped or slow is UNAVAILABLE (the CO retries), a volume the plugin says it
 * does not have is NOT_FOUND, a volume still in use is FAILED_PRECONDITION, the rest INTERNAL.
 * Every description is one line: "&lt;what was being done&gt;: &lt;the plugin's own words&gt;".
 */
public final class Statuses {
  private Statuses() {}

  public static StatusRuntimeException of(String doing, PluginException e) {
    return status(e).withDescription(doing + ": " + e.getMessage()).asRuntimeException();
  }

  static Status status(PluginException e) {
    return switch (e.kind()) {
      case NOT_FOUND, DISABLED, UNREACHABLE -> Status.UNAVAILABLE;
      case TIMEOUT -> Status.DEADLINE_EXCEEDED;
      case NO_SUCH_VOLUME -> Status.NOT_FOUND;
      case INVALID_NAME -> Status.INVALID_ARGUMENT;
      case INVALID_SPEC, NOT_A_VOLUME_DRIVER, NOT_IMPLEMENTED -> Status.FAILED_PRECONDITION;
      case REFUSED -> refusal(e.getMessage());
      case BAD_ANSWER, STATE -> Status.INTERNAL;
    };
  }

  private static Status refusal(String message) {
    if (NotFoundAnswers.saysNotFound(message)) {
      return Status.NOT_FOUND;
    }
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return m.contains("in use") || m.contains("busy") ? Status.FAILED_PRECONDITION : Status.INTERNAL;
  }

  public static StatusRuntimeException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
  }

  public static StatusRuntimeException internal(String description, Throwable cause) {
    return Status.INTERNAL.withDescription(description).withCause(cause).asRuntimeException();
  }
}
