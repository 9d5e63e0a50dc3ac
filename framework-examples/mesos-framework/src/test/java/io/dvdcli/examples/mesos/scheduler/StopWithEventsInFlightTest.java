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
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskState;
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
 * A master that, on TEARDOWN, still delivers an offer already queued on the stream and then
 * answers every call as Mesos does for a framework it removed: 400 "Framework cannot be found"
 * (src/master/http.cpp, the non-SUBSCRIBE path). Stopping must end the run quietly all the same.
 */
class StopWithEventsInFlightTest {
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Callback> openStreams = new CopyOnWriteArrayList<>();
  private volatile Response stream;
  private volatile boolean removed;
  private Server server;
  private ServerConnector connector;

  @BeforeEach
  void startMaster() throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Call call = Call.parseFrom(Content.Source.asInputStream(request).readAllBytes());
        calls.add(call);
        switch (call.getType()) {
          case SUBSCRIBE -> {
            response.setStatus(200);
            response.getHeaders().put(SchedulerApi.STREAM_ID_HEADER, "stream-1");
            stream = response;
            openStreams.add(callback);
            write(Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                    .setFrameworkId(FrameworkID.newBuilder().setValue("f-1")))
                .build());
          }
          case TEARDOWN -> {
            removed = true;
            write(Event.newBuilder().setType(Event.Type.OFFERS)
                .setOffers(Event.Offers.newBuilder().addOffers(offer()))
                .build());
            Thread.sleep(300); // the scheduler reads the offer and declines before stop() returns
            response.setStatus(202);
            callback.succeeded();
          }
          default -> {
            response.setStatus(removed ? 400 : 202);
            if (removed) {
              response.write(true, ByteBuffer.wrap("Framework cannot be found".getBytes(StandardCharsets.UTF_8)),
                  callback);
            } else {
              callback.succeeded();
            }
          }
        }
        return true;
      }
    });
    server.start();
  }

  private void write(Event event) {
    stream.write(false, ByteBuffer.wrap(RecordIo.frame(event.toByteArray())), Callback.NOOP);
  }

  private static Offer offer() {
    return Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("o-1"))
        .setFrameworkId(FrameworkID.newBuilder().setValue("f-1"))
        .setAgentId(AgentID.newBuilder().setValue("a-1"))
        .setHostname("agent")
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    openStreams.forEach(Callback::succeeded);
    server.stop();
  }

  @Test
  void anOfferArrivingAfterTeardownIsNotAFailure() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MesosFramework framework =
        QuickFrameworks.against(connector.getLocalPort(), new TaskSpec("t", "true", 4, 32, List.of()), log);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<TaskOutcome> run = runner.submit(framework::run);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (stream == null && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(100);
      framework.stop();

      assertEquals(TaskState.TASK_KILLED, run.get(30, TimeUnit.SECONDS).state(), log.toString(StandardCharsets.UTF_8));
    } finally {
      runner.shutdownNow();
    }
    assertTrue(calls.stream().anyMatch(call -> call.getType() == Call.Type.TEARDOWN));
  }
}
