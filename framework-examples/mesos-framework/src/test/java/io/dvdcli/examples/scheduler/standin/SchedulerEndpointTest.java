package io.dvdcli.examples.scheduler.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.scheduler.scheduler.SchedulerApi;
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
  void aJsonCallIsRefusedWith415() throws IOException {
    Request request = new Request.Builder().url(endpoint())
        .post(RequestBody.create("{\"type\":\"SUBSCRIBE\"}", MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      assertEquals(415, response.code());
      assertEquals("Expecting 'Content-Type' of application/x-protobuf", response.body().string());
    }
  }

  @Test
  void aBodyThatIsNotACallIsRefusedWith400() throws IOException {
    try (Response response = post(new byte[] {(byte) 0xff, 0x01, 0x02}, null)) {
      assertEquals(400, response.code());
      assertTrue(response.body().string().startsWith("Failed to parse body into Call protobuf: "));
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

  @Test
  void aCallWithoutTheStreamIdHeaderIsRefusedWith400() throws IOException {
    try (Response response = post(teardown("anything").toByteArray(), null)) {
      assertEquals(400, response.code());
      assertEquals("All non-subscribe calls should include the 'Mesos-Stream-Id' header", response.body().string());
    }
  }

  @Test
  void aCallFromAnUnknownFrameworkIsRefusedWith403() throws IOException {
    try (Response response = post(teardown("nobody").toByteArray(), "some-stream")) {
      assertEquals(403, response.code());
      assertEquals("Framework nobody is not subscribed", response.body().string());
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
      String frameworkId = new io.dvdcli.examples.scheduler.scheduler.RecordIoReader(stream.body().byteStream(), 1 << 20)
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
