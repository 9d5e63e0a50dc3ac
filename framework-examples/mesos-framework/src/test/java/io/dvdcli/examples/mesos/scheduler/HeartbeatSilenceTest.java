package io.dvdcli.examples.mesos.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.mesos.task.TaskSpec;
import io.dvdcli.testsupport.mesos.RecordIo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A master that sends SUBSCRIBED with a 0.1 s heartbeat interval and then nothing, as a
 * partitioned network looks to a scheduler whose TCP connection stays up.
 */
class HeartbeatSilenceTest {
  private final List<Call> subscribes = new CopyOnWriteArrayList<>();
  private final List<Callback> openStreams = new CopyOnWriteArrayList<>();
  private Server server;
  private ServerConnector connector;

  @BeforeEach
  void startSilentMaster() throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Call call = Call.parseFrom(Content.Source.asInputStream(request).readAllBytes());
        if (call.getType() != Call.Type.SUBSCRIBE) {
          response.setStatus(202);
          callback.succeeded();
          return true;
        }
        subscribes.add(call);
        response.setStatus(200);
        response.getHeaders().put(SchedulerApi.STREAM_ID_HEADER, "stream-" + subscribes.size());
        Event subscribed = Event.newBuilder().setType(Event.Type.SUBSCRIBED)
            .setSubscribed(Event.Subscribed.newBuilder()
                .setFrameworkId(FrameworkID.newBuilder().setValue("silent-framework"))
                .setHeartbeatIntervalSeconds(0.1))
            .build();
        openStreams.add(callback); // never completed: the stream just goes quiet
        response.write(false, ByteBuffer.wrap(RecordIo.frame(subscribed.toByteArray())), Callback.NOOP);
        return true;
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    openStreams.forEach(Callback::succeeded);
    server.stop();
  }

  @Test
  void aStreamSilentForFiveHeartbeatIntervalsIsAbandonedAndTheFrameworkReSubscribes() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MesosFramework framework =
        QuickFrameworks.against(connector.getLocalPort(), new TaskSpec("t", "true", 0.1, 32, List.of()), log);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<TaskOutcome> run = runner.submit(framework::run);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (subscribes.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      framework.stop();
      run.get(30, TimeUnit.SECONDS);
    } finally {
      runner.shutdownNow();
    }
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(subscribes.size() >= 2, text);
    assertTrue(text.contains("lost the connection to the master: "), text);
    assertEquals("silent-framework", subscribes.get(1).getFrameworkId().getValue());
    assertEquals("silent-framework", subscribes.get(1).getSubscribe().getFrameworkInfo().getId().getValue());
  }
}
