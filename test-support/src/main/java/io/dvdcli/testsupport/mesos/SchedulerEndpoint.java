package io.dvdcli.testsupport.mesos;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
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
 * {@code POST /api/v1/scheduler} as the Mesos master checks it, in the master's order
 * (src/master/http.cpp:468-731 in 1.11.0): leadership, method, media types, a Call that parses with
 * the real proto classes, the call's own checks, the Accept header, then the framework, its
 * subscription and the Mesos-Stream-Id header; SUBSCRIBE opens the RecordIO stream, every other
 * call is answered 202 Accepted.
 */
public final class SchedulerEndpoint extends Handler.Abstract {
  // The master's side of the API facts (Mesos docs/scheduler-http-api.md). The example framework
  // keeps its own (SchedulerApi): test-support cannot depend on it, and a test there compares the
  // two so they cannot drift apart.
  /** The one endpoint: every call is a POST here. */
  public static final String PATH = "/api/v1/scheduler";
  /** The content type the framework speaks, for calls and for the event stream. */
  public static final String PROTOBUF = "application/x-protobuf";
  /** Set by the master on the SUBSCRIBE response; required on every later call. */
  public static final String STREAM_ID_HEADER = "Mesos-Stream-Id";

  /** Calls are small; this only stops a runaway body. */
  private static final int MAX_CALL_BYTES = 4 * 1024 * 1024;
  private static final String JSON = "application/json";
  private static final ObjectMapper JSON_SYNTAX = new ObjectMapper();

  private final StandInMaster master;
  private final Leadership leadership;

  SchedulerEndpoint(StandInMaster master, Leadership leadership) {
    this.master = master;
    this.leadership = leadership;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!SchedulerEndpoint.PATH.equals(Request.getPathInContext(request))) {
      return reply(response, callback, 404, "No such endpoint; the scheduler API is at " + SchedulerEndpoint.PATH);
    }
    try {
      leadership.check(request, response);
      if (!HttpMethod.POST.is(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        throw new ApiError(405, "Expecting a 'POST' request, received '" + request.getMethod() + "'");
      }
      Call call = parse(request);
      validate(call);
      if (call.getType() == Call.Type.SUBSCRIBE) {
        Encoding encoding = encodingFor(request);
        if (request.getHeaders().contains(SchedulerEndpoint.STREAM_ID_HEADER)) {
          throw new ApiError(400, "Subscribe calls should not include the '" + SchedulerEndpoint.STREAM_ID_HEADER
              + "' header"); // http.cpp:567-571
        }
        master.subscribe(call, frameworkId -> open(frameworkId, encoding, response, callback));
        return true;
      }
      master.handle(call, request.getHeaders().get(SchedulerEndpoint.STREAM_ID_HEADER));
      return reply(response, callback, 202, "");
    } catch (ApiError e) {
      if (e.location() != null) {
        response.getHeaders().put(HttpHeader.LOCATION, e.location());
      }
      return reply(response, callback, e.status(), e.getMessage());
    }
  }

  /**
   * The body as a Call. The Content-Type must be exactly one of the two media types, compared as a
   * whole string (http.cpp:503-535): "application/x-protobuf; charset=..." is a 415.
   */
  private static Call parse(Request request) throws ApiError {
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (contentType == null) {
      throw new ApiError(400, "Expecting 'Content-Type' to be present");
    }
    boolean protobuf = contentType.equals(SchedulerEndpoint.PROTOBUF);
    if (!protobuf && !contentType.equals(JSON)) {
      throw new ApiError(415, "Expecting 'Content-Type' of " + JSON + " or " + SchedulerEndpoint.PROTOBUF);
    }
    byte[] body = body(request);
    if (protobuf) {
      try {
        return Call.parseFrom(body);
      } catch (InvalidProtocolBufferException e) {
        throw new ApiError(400, "Failed to parse body into Call protobuf");
      }
    }
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JSON_SYNTAX.readTree(text);
    } catch (JacksonException e) {
      throw new ApiError(400, "Failed to parse body into JSON: " + e.getOriginalMessage());
    }
    try {
      Call.Builder call = Call.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(text, call);
      return call.build();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new ApiError(400, "Failed to convert JSON into Call protobuf: " + e.getMessage());
    }
  }

  private static byte[] body(Request request) throws ApiError {
    byte[] body;
    try {
      body = Content.Source.asInputStream(request).readNBytes(MAX_CALL_BYTES + 1);
    } catch (java.io.IOException e) {
      throw new ApiError(400, "Failed to read the request body: " + e.getMessage());
    }
    if (body.length > MAX_CALL_BYTES) {
      throw new ApiError(413, "The call is larger than " + MAX_CALL_BYTES + " bytes");
    }
    return body;
  }

  /** The checks of src/master/validation.cpp:668-838, made before any state is looked at. */
  private static void validate(Call call) throws ApiError {
    String error = callError(call);
    if (error != null) {
      throw new ApiError(400, "Failed to validate scheduler::Call: " + error);
    }
  }

  private static String callError(Call call) {
    if (!call.hasType()) {
      return "Expecting 'type' to be present";
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (!call.hasSubscribe()) {
        return "Expecting 'subscribe' to be present";
      }
      // Compared as messages, unset meaning empty: no id on either side is equal (validation.cpp:686-688).
      if (!call.getSubscribe().getFrameworkInfo().getId().equals(call.getFrameworkId())) {
        return "'framework_id' differs from 'subscribe.framework_info.id'";
      }
      return null;
    }
    if (!call.hasFrameworkId()) {
      return "Expecting 'framework_id' to be present";
    }
    boolean missing = switch (call.getType()) {
      case ACCEPT -> !call.hasAccept();
      case DECLINE -> !call.hasDecline();
      case ACCEPT_INVERSE_OFFERS -> !call.hasAcceptInverseOffers();
      case DECLINE_INVERSE_OFFERS -> !call.hasDeclineInverseOffers();
      case KILL -> !call.hasKill();
      case SHUTDOWN -> !call.hasShutdown();
      case ACKNOWLEDGE -> !call.hasAcknowledge();
      case ACKNOWLEDGE_OPERATION_STATUS -> !call.hasAcknowledgeOperationStatus();
      case RECONCILE -> !call.hasReconcile();
      case RECONCILE_OPERATIONS -> !call.hasReconcileOperations();
      case MESSAGE -> !call.hasMessage();
      case REQUEST -> !call.hasRequest();
      case UPDATE_FRAMEWORK -> !call.hasUpdateFramework();
      default -> false;
    };
    if (missing) {
      return "Expecting '" + fieldName(call.getType()) + "' to be present";
    }
    if (call.getType() == Call.Type.ACKNOWLEDGE && !isUuid(call.getAcknowledge().getUuid().toByteArray())) {
      return "Not a valid UUID"; // stout's UUID::fromBytes (3rdparty/stout/include/stout/uuid.hpp:49-61)
    }
    return null;
  }

  private static String fieldName(Call.Type type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** 16 bytes with a known version nibble, as boost's uuid::version() requires. */
  private static boolean isUuid(byte[] bytes) {
    if (bytes.length != 16) {
      return false;
    }
    int version = (bytes[6] & 0xf0) >>> 4;
    return version >= 1 && version <= 5;
  }

  /**
   * JSON if the Accept header allows it, else protobuf if it allows that, else 406 — JSON is looked
   * at first, so no Accept header, or {@code *}{@code /*}, gets JSON (http.cpp:550-563 and
   * libprocess's Request::_acceptsMediaType, 3rdparty/libprocess/src/http.cpp:389-440).
   */
  private static Encoding encodingFor(Request request) throws ApiError {
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    if (MediaRanges.accepts(accept, JSON)) {
      return Encoding.JSON;
    }
    if (MediaRanges.accepts(accept, SchedulerEndpoint.PROTOBUF)) {
      return Encoding.PROTOBUF;
    }
    throw new ApiError(406, "Expecting 'Accept' to allow '" + SchedulerEndpoint.PROTOBUF + "' or '" + JSON + "'");
  }

  private EventStream open(String frameworkId, Encoding encoding, Response response, Callback callback) {
    String streamId = UUID.randomUUID().toString();
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, encoding.mediaType());
    response.getHeaders().put(SchedulerEndpoint.STREAM_ID_HEADER, streamId);
    EventStream[] self = new EventStream[1];
    self[0] = new EventStream(streamId, encoding, response, callback,
        () -> master.streamBroken(frameworkId, self[0]));
    return self[0];
  }

  static boolean reply(Response response, Callback callback, int status, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    Content.Sink.write(response, true, text, callback);
    return true;
  }
}
