package io.dvdcli.testsupport.mesos;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A TEST DOUBLE of a Mesos master with one agent, not a product: it speaks the v1 scheduler HTTP
 * API (protobuf only) on loopback and runs launched tasks through a {@link ContainerVolumes}
 * isolator, so a framework can be exercised end to end where no Mesos can run.
 */
public final class StandInMesos implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final Server server;
  private final ServerConnector connector;
  private final StandInMaster master;
  private final StandInAgent agent;
  private final ScheduledExecutorService timer;
  private final Leadership leadership;

  private StandInMesos(Server server, ServerConnector connector, StandInMaster master, StandInAgent agent,
      ScheduledExecutorService timer, Leadership leadership) {
    this.leadership = leadership;
    this.server = server;
    this.connector = connector;
    this.master = master;
    this.agent = agent;
    this.timer = timer;
  }

  public static StandInMesos start(StandInSettings settings, ContainerVolumes volumes) throws IOException {
    return start(settings, volumes, line -> { });
  }

  /** As {@link #start(StandInSettings, ContainerVolumes)}, telling {@code log} what happens, a line each. */
  public static StandInMesos start(StandInSettings settings, ContainerVolumes volumes, Consumer<String> log)
      throws IOException {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stand-in-timer");
      thread.setDaemon(true);
      return thread;
    });
    StandInAgent agent = new StandInAgent(
        AgentID.newBuilder().setValue("stand-in-agent-" + java.util.UUID.randomUUID()).build(),
        volumes, settings.workDir(), log);
    StandInMaster master = new StandInMaster(agent, "localhost", settings, timer, log);
    Leadership leadership = new Leadership();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(HOST);
    connector.setPort(settings.port());
    // A subscription is idle between heartbeats; only a missing heartbeat should end it.
    connector.setIdleTimeout(Math.max(30_000, settings.heartbeat().toMillis() * 3));
    server.addConnector(connector);
    server.setHandler(new SchedulerEndpoint(master, leadership));
    try {
      server.start();
    } catch (Exception e) {
      timer.shutdownNow();
      try {
        server.stop(); // its thread pool may already run
      } catch (Exception ignored) {
        // the start failure is the error worth reporting
      }
      throw new IOException("Failed to start the stand-in master on '" + HOST + ":" + settings.port() + "': "
          + e.getMessage(), e);
    }
    return new StandInMesos(server, connector, master, agent, timer, leadership);
  }

  /** The master URL to give a framework, e.g. {@code http://127.0.0.1:5050}. */
  public URI uri() {
    return URI.create("http://" + HOST + ":" + connector.getLocalPort());
  }

  /** Every call the master has received, in order. */
  public List<Call> calls() {
    return master.calls();
  }

  /** Breaks every open subscription stream, as a network fault or master failover would. */
  public void dropSubscriptions() {
    master.dropStreams();
  }

  /** Answers as a master whose HTTP routes are not set up yet: 404 to every call. */
  public void startingUp() {
    leadership.starting();
  }

  /** Answers as an elected master still recovering its state: 503. */
  public void recovering() {
    leadership.recovering();
  }

  /** Answers as the leading master (the default). */
  public void leading() {
    leadership.leading();
  }

  /**
   * Answers as a master that is not the leader: 307 to {@code leader}, or 503 "No leader elected"
   * when {@code leader} is null.
   */
  public void following(URI leader) {
    leadership.following(leader);
  }

  /** Stops serving; running tasks are killed and their volumes cleaned up. */
  @Override
  public void close() throws IOException {
    URI where = uri();
    agent.shutdown();
    timer.shutdownNow();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IOException("Failed to stop the stand-in master on '" + where + "': " + e.getMessage(), e);
    }
  }
}
