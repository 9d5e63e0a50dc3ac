package io.dvdcli.examples.mesos.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.mesos.scheduler.SchedulerApi;
import io.dvdcli.testsupport.mesos.AgentResources;
import io.dvdcli.testsupport.mesos.DirectoryVolumes;
import io.dvdcli.testsupport.mesos.StandInMesos;
import io.dvdcli.testsupport.mesos.StandInSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP rules of the stand-in's scheduler endpoint, seen from a plain HTTP client. */
class SchedulerEndpointTest {
  private static final MediaType PROTOBUF = MediaType.get(SchedulerApi.PROTOBUF);

  @TempDir
  Path dir;

  private StandInMesos mesos;
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

  @BeforeEach
  void start() throws IOException {
    mesos = StandInMesos.start(new StandInSettings(0, new AgentResources(1, 256), Duration.ofSeconds(15), dir),
        new DirectoryVolumes(dir.resolve("volumes")));
  }

  @AfterEach
  void stop() throws Exception {
    mesos.close();
  }

  @Test
  void aGetIsRefusedWith405() throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(endpoint()).build()).execute()) {
      assertEquals(405, response.code());
      assertEquals("POST", response.header("Allow"));
    }
  }

  @Test
  void anotherContentTypeIsRefusedWith415_httpCpp532() throws IOException {
    Request request = new Request.Builder().url(endpoint())
        .post(RequestBody.create("type: SUBSCRIBE", MediaType.get("text/plain"))).build();
    try (Response response = http.newCall(request).execute()) {
      assertEquals(415, response.code());
      assertEquals("Expecting 'Content-Type' of application/json or application/x-protobuf", response.body().string());
    }
  }

  /** Content-Type is compared as a whole string (src/master/http.cpp:511, "TODO(anand)" there). */
  @Test
  void aProtobufContentTypeWithParametersIsRefusedWith415_httpCpp511() throws IOException {
    Request request = new Request.Builder().url(endpoint())
        .post(RequestBody.create(subscribeCall().toByteArray(), MediaType.get("application/x-protobuf; charset=utf-8")))
        .header("Accept", SchedulerApi.PROTOBUF).build();
    try (Response response = http.newCall(request).execute()) {
      assertEquals(415, response.code());
    }
  }

  @Test
  void aJsonCallIsParsedAndValidated_httpCpp516() throws IOException {
    Request request = new Request.Builder().url(endpoint())
        // Bytes, not a String: OkHttp would add "; charset=utf-8", which Mesos refuses with 415.
        .post(RequestBody.create("{\"type\":\"SUBSCRIBE\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      assertEquals(400, response.code());
      assertEquals("Failed to validate scheduler::Call: Expecting 'subscribe' to be present", response.body().string());
    }
  }

  /** No Accept header, or one allowing anything, gets JSON: http.cpp:555 asks for JSON first. */
  @ParameterizedTest(name = "Accept: {0}")
  @ValueSource(strings = {"(none)", "*/*", "application/*", "application/json, application/x-protobuf"})
  void aSubscribeThatDoesNotPreferProtobufGetsAJsonStream_httpCpp555(String accept) throws IOException {
    Request.Builder request = new Request.Builder().url(endpoint())
        .post(RequestBody.create(subscribeCall().toByteArray(), PROTOBUF));
    if (!accept.equals("(none)")) {
      request.header("Accept", accept);
    }
    try (Response stream = http.newCall(request.build()).execute()) {
      assertEquals(200, stream.code());
      assertEquals("application/json", stream.header("Content-Type"));
      byte[] first = new io.dvdcli.examples.mesos.scheduler.RecordIoReader(stream.body().byteStream(), 1 << 20)
          .next().orElseThrow();
      String json = new String(first, java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(json.startsWith("{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":"), json);
    }
  }

  @Test
  void aSubscribeAcceptingNeitherIsRefusedWith406_httpCpp560() throws IOException {
    Request request = new Request.Builder().url(endpoint()).header("Accept", "text/html, application/json;q=0")
        .post(RequestBody.create(subscribeCall().toByteArray(), PROTOBUF)).build();
    try (Response response = http.newCall(request).execute()) {
      assertEquals(406, response.code());
      assertEquals("Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'",
          response.body().string());
    }
  }

  @Test
  void aBodyThatIsNotACallIsRefusedWith400() throws IOException {
    try (Response response = post(new byte[] {(byte) 0xff, 0x01, 0x02}, null)) {
      assertEquals(400, response.code());
      assertEquals("Failed to parse body into Call protobuf", response.body().string()); // http.cpp:512-515
    }
  }

  @Test
  void aSubscribeWithoutTheRequiredFrameworkInfoFieldsIsRefusedWith400() throws IOException {
    // FrameworkInfo.user and .name are proto2 `required`: the real classes refuse the message.
    byte[] partial = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfo.newBuilder().buildPartial()).buildPartial())
        .buildPartial().toByteArray();
    try (Response response = post(partial, null)) {
      assertEquals(400, response.code());
      assertTrue(response.body().string().contains("Failed to parse body into Call protobuf"));
    }
  }

  /** Checks run in the master's order: the framework is looked up before the header (http.cpp:614-645). */
  @Test
  void aCallFromAnUnknownFrameworkIsRefusedWith400EvenWithoutAStreamId_httpCpp617() throws IOException {
    try (Response response = post(teardown("nobody").toByteArray(), null)) {
      assertEquals(400, response.code());
      assertEquals("Framework cannot be found", response.body().string());
    }
    try (Response response = post(teardown("nobody").toByteArray(), "some-stream")) {
      assertEquals(400, response.code());
      assertEquals("Framework cannot be found", response.body().string());
    }
  }

  @Test
  void aKnownFrameworkWithoutAStreamIsRefusedWith403BeforeItsHeaderIsLookedAt_httpCpp632() throws IOException {
    String frameworkId;
    try (Response stream = subscribe()) {
      frameworkId = frameworkIdOf(stream);
      mesos.dropSubscriptions();
    }
    try (Response response = post(teardown(frameworkId).toByteArray(), null)) {
      assertEquals(403, response.code());
      assertEquals("Framework is not subscribed", response.body().string());
    }
  }

  @Test
  void aCallWithoutTheStreamIdHeaderIsRefusedWith400_httpCpp641() throws IOException {
    try (Response stream = subscribe()) {
      String frameworkId = frameworkIdOf(stream);
      try (Response response = post(teardown(frameworkId).toByteArray(), null)) {
        assertEquals(400, response.code());
        assertEquals("All non-subscribe calls should include the 'Mesos-Stream-Id' header", response.body().string());
      }
    }
  }

  @Test
  void anUnknownCallTypeIsAnsweredWith501_httpCpp726() throws IOException {
    try (Response stream = subscribe()) {
      String frameworkId = frameworkIdOf(stream);
      Call unknown = Call.newBuilder().setType(Call.Type.UNKNOWN)
          .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId)).build();
      try (Response response = post(unknown.toByteArray(), stream.header(SchedulerApi.STREAM_ID_HEADER))) {
        assertEquals(501, response.code());
      }
    }
  }

  @Test
  void aSubscribeGetsAStreamIdAndACallWithAnotherStreamIdIsRefusedWith400() throws IOException {
    Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder()
            .setFrameworkInfo(FrameworkInfo.newBuilder().setUser("u").setName("n")))
        .build();
    Request request = new Request.Builder().url(endpoint()).header("Accept", SchedulerApi.PROTOBUF)
        .post(RequestBody.create(subscribe.toByteArray(), PROTOBUF)).build();
    try (Response stream = http.newCall(request).execute()) {
      assertEquals(200, stream.code());
      assertEquals(SchedulerApi.PROTOBUF, stream.header("Content-Type"));
      String streamId = stream.header(SchedulerApi.STREAM_ID_HEADER);
      assertTrue(streamId != null && !streamId.isBlank());
      String frameworkId = new io.dvdcli.examples.mesos.scheduler.RecordIoReader(stream.body().byteStream(), 1 << 20)
          .next().map(this::subscribedFrameworkId).orElseThrow();
      try (Response wrong = post(teardown(frameworkId).toByteArray(), "not-" + streamId)) {
        assertEquals(400, wrong.code());
        assertTrue(wrong.body().string().startsWith("The stream ID 'not-" + streamId + "' included in this request"));
      }
      try (Response right = post(teardown(frameworkId).toByteArray(), streamId)) {
        assertEquals(202, right.code());
      }
    }
  }

  private static Call subscribeCall() {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder()
            .setFrameworkInfo(FrameworkInfo.newBuilder().setUser("u").setName("n")))
        .build();
  }

  private Response subscribe() throws IOException {
    Request request = new Request.Builder().url(endpoint()).header("Accept", SchedulerApi.PROTOBUF)
        .post(RequestBody.create(subscribeCall().toByteArray(), PROTOBUF)).build();
    Response stream = http.newCall(request).execute();
    assertEquals(200, stream.code());
    return stream;
  }

  private String frameworkIdOf(Response stream) throws IOException {
    return new io.dvdcli.examples.mesos.scheduler.RecordIoReader(stream.body().byteStream(), 1 << 20)
        .next().map(this::subscribedFrameworkId).orElseThrow();
  }

  private String subscribedFrameworkId(byte[] record) {
    try {
      return org.apache.mesos.v1.scheduler.Protos.Event.parseFrom(record).getSubscribed().getFrameworkId().getValue();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static Call teardown(String frameworkId) {
    return Call.newBuilder().setType(Call.Type.TEARDOWN)
        .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId)).build();
  }

  private Response post(byte[] body, String streamId) throws IOException {
    Request.Builder request = new Request.Builder().url(endpoint()).post(RequestBody.create(body, PROTOBUF));
    if (streamId != null) {
      request.header(SchedulerApi.STREAM_ID_HEADER, streamId);
    }
    return http.newCall(request.build()).execute();
  }

  private String endpoint() {
    return mesos.uri() + SchedulerApi.PATH;
  }
}
