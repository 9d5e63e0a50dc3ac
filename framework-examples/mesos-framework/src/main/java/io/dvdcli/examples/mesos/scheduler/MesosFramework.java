package io.dvdcli.examples.mesos.scheduler;

import io.dvdcli.examples.mesos.task.TaskSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A one-task framework: subscribes, launches the task on the first offer that fits, declines the
 * rest, acknowledges updates, and returns the task's terminal state. A broken stream is followed
 * by a re-subscribe with the framework id (with back-off) and an explicit reconciliation of the
 * task, so a master failover or network hiccup does not lose it.
 */
public final class MesosFramework {
  /** Missed heartbeats after which the stream counts as dead (the docs' suggestion). */
  private static final int MISSED_HEARTBEATS = 5;
  private static final Filters NO_MORE_OFFERS = Filters.newBuilder().setRefuseSeconds(3600).build();

  private final MasterConnection master;
  private final FrameworkSettings settings;
  private final TaskSpec task;
  private final PrintStream log;
  private final TaskID taskId;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final Pacer pacer;

  private volatile FrameworkID frameworkId;
  private volatile String streamId;
  private volatile Subscription current;
  private AgentID agentId;
  private boolean launched;
  private boolean subscribedOnThisStream;

  public MesosFramework(MasterConnection master, FrameworkSettings settings, TaskSpec task, PrintStream log) {
    this(master, settings, task, log, Pacer.SYSTEM);
  }

  public MesosFramework(MasterConnection master, FrameworkSettings settings, TaskSpec task, PrintStream log,
      Pacer pacer) {
    this.pacer = pacer;
    this.master = master;
    this.settings = settings;
    this.task = task;
    this.log = log;
    this.taskId = TaskID.newBuilder().setValue(task.name() + "." + UUID.randomUUID()).build();
  }

  public TaskID taskId() {
    return taskId;
  }

  /** Runs until the task reaches a terminal state, the master refuses us, or {@link #stop()}. */
  public TaskOutcome run() throws IOException {
    Instant disconnectedSince = pacer.now();
    IOException lastFailure = null;
    int attempt = 0;
    while (!isStopping()) {
      subscribedOnThisStream = false;
      try (Subscription subscription = master.subscribe(subscribeCall())) {
        current = subscription;
        Optional<TaskOutcome> outcome = consume(subscription);
        if (outcome.isPresent()) {
          teardown();
          return outcome.get();
        }
      } catch (MasterRejectedException e) {
        throw new FrameworkAbortedException(e.getMessage());
      } catch (FrameworkAbortedException e) {
        throw e;
      } catch (IOException e) {
        lastFailure = e;
        if (!isStopping()) {
          log((frameworkId == null ? "could not subscribe: " : "lost the connection to the master: ")
              + describe(e));
        }
      } finally {
        current = null;
      }
      if (isStopping()) {
        break;
      }
      if (subscribedOnThisStream) {
        disconnectedSince = pacer.now();
        attempt = 0;
      }
      // The master keeps the task for the failover timeout after the disconnection, not a moment
      // longer: the last attempt is made at the deadline, never a back-off step past it.
      Instant deadline = disconnectedSince.plus(settings.failoverTimeout());
      Duration left = Duration.between(pacer.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new IOException("Failed to subscribe to master '" + master.endpoint() + "' within "
            + settings.failoverTimeout().toSeconds() + " s: " + describe(lastFailure), lastFailure);
      }
      Duration delay = settings.backoff().delay(attempt++);
      if (delay.compareTo(left) > 0) {
        delay = left;
      }
      log("re-subscribing in " + delay.toMillis() + " ms");
      awaitStop(delay);
    }
    return new TaskOutcome(taskId.getValue(), TaskState.TASK_KILLED, "the framework was stopped");
  }

  /** An exception's message, or its type when it has none (some I/O failures carry no message). */
  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /**
   * Tears the framework down (the master kills the task) and makes {@link #run()} return; for
   * Ctrl-C and for tests. Safe to call from any thread.
   */
  public void stop() {
    stopRequested.countDown();
    teardown();
    Subscription subscription = current;
    if (subscription != null) {
      subscription.cancel();
    }
  }

  private Optional<TaskOutcome> consume(Subscription subscription) throws IOException {
    while (!isStopping()) {
      Optional<Event> next = subscription.next();
      if (next.isEmpty()) {
        throw new IOException("the master closed the event stream");
      }
      Event event = next.get();
      if (event.getType() == Event.Type.ERROR) {
        // A refused SUBSCRIBE (invalid or unknown role, ACL denial, "Framework has been removed",
        // changed user or principal) is a 200 stream carrying one ERROR then closed
        // (src/master/master.cpp:2694-2703, 2745-2755, 2826-2835 in 1.11.0); any later ERROR
        // likewise ends the framework (docs/scheduler-http-api.md, "ERROR").
        throw new FrameworkAbortedException("Failed to run framework: the master sent ERROR: "
            + describe(event.getError().getMessage()));
      }
      if (!subscribedOnThisStream && event.getType() != Event.Type.SUBSCRIBED) {
        throw new IOException("the stream began with " + event.getType() + " instead of SUBSCRIBED");
      }
      switch (event.getType()) {
        case SUBSCRIBED -> subscribed(subscription, event.getSubscribed());
        case OFFERS -> offers(event.getOffers().getOffersList());
        case RESCIND -> log("offer " + event.getRescind().getOfferId().getValue() + " was rescinded");
        case UPDATE -> {
          Optional<TaskOutcome> outcome = update(event.getUpdate().getStatus());
          if (outcome.isPresent()) {
            return outcome;
          }
        }
        case FAILURE -> failure(event.getFailure());
        default -> {
          // HEARTBEAT only proves the stream alive (reading it resets the silence timer);
          // MESSAGE, INVERSE_OFFERS, operation updates do not concern a one-task framework.
        }
      }
    }
    return Optional.empty();
  }

  private void subscribed(Subscription subscription, Event.Subscribed subscribed) throws IOException {
    subscribedOnThisStream = true;
    frameworkId = subscribed.getFrameworkId();
    streamId = subscription.streamId();
    if (subscribed.hasHeartbeatIntervalSeconds() && subscribed.getHeartbeatIntervalSeconds() > 0) {
      subscription.silenceLimit(Duration.ofMillis(
          (long) (subscribed.getHeartbeatIntervalSeconds() * 1000 * MISSED_HEARTBEATS)));
    }
    log("subscribed as framework " + frameworkId.getValue());
    if (launched) {
      // Updates sent while we were away may be lost; ask for the task's current state.
      Call.Reconcile.Task known = Call.Reconcile.Task.newBuilder()
          .setTaskId(taskId)
          .setAgentId(agentId)
          .build();
      send(call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder().addTasks(known)));
    }
  }

  private void offers(List<Offer> offers) throws IOException {
    List<OfferID> declined = new ArrayList<>();
    for (Offer offer : offers) {
      Optional<List<Resource>> taken = launched || isStopping() ? Optional.empty() : OfferMatcher.take(offer, task);
      if (taken.isPresent()) {
        launch(offer, taken.get());
      } else {
        if (!launched) {
          log("declining offer " + offer.getId().getValue() + " (" + OfferMatcher.describe(offer)
              + "): the task needs " + OfferMatcher.describe(task));
        }
        declined.add(offer.getId());
      }
    }
    if (!declined.isEmpty()) {
      // Once the task is launched, this framework needs no more offers: hold them back long.
      send(call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
          .addAllOfferIds(declined)
          .setFilters(launched ? NO_MORE_OFFERS : refuseFilter())));
    }
  }

  private void launch(Offer offer, List<Resource> resources) throws IOException {
    Offer.Operation launch = Offer.Operation.newBuilder()
        .setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder()
            .addTaskInfos(TaskInfos.build(task, taskId, offer.getAgentId(), resources)))
        .build();
    log("launching task " + taskId.getValue() + " on agent " + offer.getAgentId().getValue()
        + " (" + offer.getHostname() + ") with offer " + offer.getId().getValue());
    send(call(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
        .addOfferIds(offer.getId())
        .addOperations(launch)
        .setFilters(refuseFilter())));
    launched = true;
    agentId = offer.getAgentId();
  }

  private Optional<TaskOutcome> update(TaskStatus status) throws IOException {
    StringBuilder line = new StringBuilder("task ").append(status.getTaskId().getValue())
        .append(": ").append(status.getState());
    if (status.hasReason()) {
      line.append(" (").append(status.getReason()).append(')');
    }
    if (status.hasMessage() && !status.getMessage().isBlank()) {
      line.append(": ").append(status.getMessage());
    }
    log(line.toString());
    if (status.hasUuid()) {
      // Only updates with a uuid are retried by the agent, so only those are acknowledged.
      send(call(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
          .setAgentId(status.getAgentId())
          .setTaskId(status.getTaskId())
          .setUuid(status.getUuid())));
    }
    if (status.getTaskId().equals(taskId) && TaskOutcome.isTerminal(status.getState())) {
      return Optional.of(new TaskOutcome(taskId.getValue(), status.getState(), status.getMessage()));
    }
    return Optional.empty();
  }

  private void failure(Event.Failure failure) {
    if (failure.hasExecutorId()) {
      log("executor " + failure.getExecutorId().getValue() + " on agent " + failure.getAgentId().getValue()
          + " exited with status " + failure.getStatus());
    } else {
      log("agent " + failure.getAgentId().getValue() + " was removed");
    }
  }

  private void teardown() {
    FrameworkID id = frameworkId;
    String stream = streamId;
    if (id == null || stream == null) {
      return;
    }
    try {
      master.send(Call.newBuilder().setFrameworkId(id).setType(Call.Type.TEARDOWN).build(), stream);
    } catch (IOException e) {
      log("could not tear the framework down: " + e.getMessage());
    }
  }

  private Call subscribeCall() {
    Call.Builder call = Call.newBuilder()
        .setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(settings.frameworkInfo(frameworkId)));
    if (frameworkId != null) {
      call.setFrameworkId(frameworkId);
    }
    return call.build();
  }

  private Call.Builder call(Call.Type type) {
    return Call.newBuilder().setFrameworkId(frameworkId).setType(type);
  }

  /**
   * A 403 means the master no longer sees our stream: re-subscribe. Any other 4xx means the call
   * itself is wrong, which a retry would repeat forever — unless we are stopping: after TEARDOWN
   * the master has forgotten the framework and answers an event already in flight (an offer to
   * decline, an update to acknowledge) with 400 "Framework cannot be found".
   */
  private void send(Call.Builder call) throws IOException {
    try {
      master.send(call.build(), streamId);
    } catch (MasterRejectedException e) {
      if (isStopping()) {
        log("after teardown: " + e.getMessage());
        return;
      }
      if (e.status() == 403) {
        throw new IOException(e.getMessage(), e);
      }
      throw new FrameworkAbortedException(e.getMessage());
    }
  }

  private Filters refuseFilter() {
    return Filters.newBuilder().setRefuseSeconds(settings.refuseOffers().toMillis() / 1000.0).build();
  }

  private boolean isStopping() {
    return stopRequested.getCount() == 0;
  }

  private static String describe(String errorMessage) {
    return errorMessage.isBlank() ? "(no message)" : errorMessage;
  }

  private void awaitStop(Duration delay) {
    try {
      pacer.await(stopRequested, delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested.countDown();
    }
  }

  private void log(String message) {
    log.println("mesos-framework: " + message);
  }
}
