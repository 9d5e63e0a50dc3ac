package io.dvdcli.examples.scheduler.standin;

import com.google.protobuf.InvalidProtocolBufferException;
import io.dvdcli.examples.scheduler.scheduler.SchedulerApi;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/v1/scheduler} as the Mesos master checks it: method, media types, a Call that
 * parses with the real proto classes, the Mesos-Stream-Id header rules; then SUBSCRIBE opens the
 * RecordIO stream and every other call is answered 202 Accepted.
 */
final class SchedulerEndpoint extends Handler.Abstract {
  /** Calls are small; this only stops a runaway body. */
  private static final int MAX_CALL_BYTES = 4 * 1024 * 1024;

  private final StandInMaster master;

  SchedulerEndpoint(StandInMaster master) {
    this.master = master;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!SchedulerApi.PATH.equals(Request.getPathInContext(request))) {
      return reply(response, callback, 404, "No such endpoint; the scheduler API is at " + SchedulerApi.PATH);
    }
    try {
      if (!HttpMethod.POST.is(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        throw new ApiError(405, "Expecting a 'POST' request, received '" + request.getMethod() + "'");
      }
      String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (contentType == null || !contentType.startsWith(SchedulerApi.PROTOBUF)) {
        // Mesos also takes application/json; this stand-in speaks protobuf only.
        throw new ApiError(415, "Expecting 'Content-Type' of " + SchedulerApi.PROTOBUF);
      }
      Call call = parse(request);
      String streamId = request.getHeaders().get(SchedulerApi.STREAM_ID_HEADER);
      validate(call, streamId);
      if (call.getType() == Call.Type.SUBSCRIBE) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept == null || !(accept.contains(SchedulerApi.PROTOBUF) || accept.contains("*/*"))) {
          throw new ApiError(406, "Expecting 'Accept' to allow " + SchedulerApi.PROTOBUF);
        }
        master.subscribe(call, frameworkId -> open(frameworkId, response, callback));
        return true;
      }
      master.handle(call, streamId);
      return reply(response, callback, 202, "");
    } catch (ApiError e) {
      return reply(response, callback, e.status(), e.getMessage());
    }
  }

  private static Call parse(Request request) throws ApiError {
    byte[] body;
    try {
      body = Content.Source.asInputStream(request).readNBytes(MAX_CALL_BYTES + 1);
    } catch (java.io.IOException e) {
      throw new ApiError(400, "Failed to read the request body: " + e.getMessage());
    }
    if (body.length > MAX_CALL_BYTES) {
      throw new ApiError(413, "The call is larger than " + MAX_CALL_BYTES + " bytes");
    }
    try {
      return Call.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new ApiError(400, "Failed to parse body into Call protobuf: " + e.getMessage());
    }
  }

  /** The shape checks the master makes before looking at any state. */
  private static void validate(Call call, String streamId) throws ApiError {
    if (!call.hasType() || call.getType() == Call.Type.UNKNOWN) {
      throw new ApiError(400, "Failed to validate scheduler::Call: Expecting 'type' to be present");
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (!call.hasSubscribe()) {
        throw new ApiError(400, "Failed to validate scheduler::Call: Expecting 'subscribe' to be present");
      }
      if (streamId != null) {
        throw new ApiError(400, "Subscribe calls should not include the '" + SchedulerApi.STREAM_ID_HEADER + "' header");
      }
      var info = call.getSubscribe().getFrameworkInfo();
      if (info.hasId() != call.hasFrameworkId() || (info.hasId() && !info.getId().equals(call.getFrameworkId()))) {
        throw new ApiError(400, "Failed to validate scheduler::Call: 'framework_id' differs from "
            + "'subscribe.framework_info.id'");
      }
      return;
    }
    if (!call.hasFrameworkId()) {
      throw new ApiError(400, "Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
    }
    if (streamId == null) {
      throw new ApiError(400, "All non-subscribe calls should include the '" + SchedulerApi.STREAM_ID_HEADER + "' header");
    }
    boolean missing = switch (call.getType()) {
      case ACCEPT -> !call.hasAccept();
      case DECLINE -> !call.hasDecline();
      case ACKNOWLEDGE -> !call.hasAcknowledge();
      case RECONCILE -> !call.hasReconcile();
      case KILL -> !call.hasKill();
      default -> false;
    };
    if (missing) {
      String field = call.getType().name().toLowerCase(java.util.Locale.ROOT);
      throw new ApiError(400, "Failed to validate scheduler::Call: Expecting '" + field + "' to be present");
    }
  }

  private EventStream open(String frameworkId, Response response, Callback callback) {
    String streamId = UUID.randomUUID().toString();
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, SchedulerApi.PROTOBUF);
    response.getHeaders().put(SchedulerApi.STREAM_ID_HEADER, streamId);
    EventStream[] self = new EventStream[1];
    self[0] = new EventStream(streamId, response, callback, () -> master.streamBroken(frameworkId, self[0]));
    return self[0];
  }

  private static boolean reply(Response response, Callback callback, int status, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    Content.Sink.write(response, true, text, callback);
    return true;
  }
}
