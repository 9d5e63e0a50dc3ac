package io.dvdcli.testsupport.mesos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The master half of the test double: frameworks and their streams, one agent's offers, task
 * state, and reliable delivery of status updates (one outstanding update per task, resent on a
 * timer and on re-subscribe, the next one only after the previous is acknowledged).
 *
 * <p>Every public entry point is synchronized: the state is small and calls are rare.
 */
final class StandInMaster {
  /** Mesos's default {@code Filters.refuse_seconds}. */
  private static final double DEFAULT_REFUSE_SECONDS = 5;
  private static final double EPSILON = 0.0005;

  private final StandInAgent agent;
  private final String hostname;
  private final AgentResources total;
  private final Duration heartbeat;
  private final ScheduledExecutorService timer;
  private final String masterId = UUID.randomUUID().toString();

  private final Map<String, Framework> frameworks = new LinkedHashMap<>();
  private final Set<String> removedFrameworks = new HashSet<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private Offer outstanding;
  private int nextFrameworkNumber;
  private int nextOfferNumber;

  private final Consumer<String> log;
  private final FrameworkChecks frameworkChecks;
  private final Duration updateRetry;
  private final Duration updateRetryMax;

  StandInMaster(StandInAgent agent, String hostname, StandInSettings settings, ScheduledExecutorService timer,
      Consumer<String> log) {
    this.log = log;
    this.agent = agent;
    this.hostname = hostname;
    this.total = settings.resources();
    this.heartbeat = settings.heartbeat();
    this.timer = timer;
    this.frameworkChecks = new FrameworkChecks(settings.roles(), true);
    this.updateRetry = settings.updateRetry();
    this.updateRetryMax = settings.updateRetryMax();
    long period = heartbeat.toMillis();
    timer.scheduleAtFixedRate(this::heartbeats, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Subscribes (or re-subscribes) a framework; {@code openStream} turns the framework id into the
   * open response stream once the call is known to be valid.
   */
  synchronized void subscribe(Call call, Function<String, EventStream> openStream) throws ApiError {
    calls.add(call);
    FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
    boolean known = info.hasId() && !info.getId().getValue().isEmpty();
    String id = known ? info.getId().getValue() : null;
    // A refused subscription is still a 200 stream: one ERROR event, then it is closed
    // (src/master/master.cpp:2675-2704 in 1.11.0).
    Optional<String> refusal = frameworkChecks.refusal(info, known && removedFrameworks.contains(id));
    Framework existing = known ? frameworks.get(id) : null;
    if (refusal.isEmpty() && existing != null) {
      refusal = FrameworkChecks.updateRefusal(existing.info, info); // master.cpp:2827-2836
    }
    if (refusal.isPresent()) {
      log.accept("master: refusing the subscription of framework '" + info.getName() + "': " + refusal.get());
      EventStream stream = openStream.apply(known ? id : "refused");
      stream.send(Event.newBuilder()
          .setType(Event.Type.ERROR)
          .setError(Event.Error.newBuilder().setMessage(refusal.get()))
          .build());
      stream.close();
      return;
    }
    if (!known) {
      id = masterId + "-" + String.format("%04d", nextFrameworkNumber++);
    }
    // A framework id the master does not know is taken as one that subscribed to an earlier
    // leader (master.cpp:2807-2816, recoverFramework).
    Framework framework = frameworks.computeIfAbsent(id, Framework::new);
    framework.info = info;
    if (framework.stream != null) {
      // Only one subscription per framework: the newer one wins, the older one is closed.
      framework.stream.close();
    }
    framework.stream = openStream.apply(id);
    log.accept("master: framework " + id + (known ? " re-subscribed" : " subscribed")
        + " (stream " + framework.stream.id() + ")");
    framework.stream.send(Event.newBuilder()
        .setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(id))
            .setHeartbeatIntervalSeconds(heartbeat.toMillis() / 1000.0))
        .build());
    // The master tells the agents (UpdateFrameworkMessage, master.cpp:2868-2893), whose status
    // update manager then resends every unacknowledged update at once and restarts its timer
    // (src/slave/slave.cpp:4478-4480, status_update_manager_process.hpp:383-399).
    String subscribed = id;
    tasks.values().stream()
        .filter(task -> task.frameworkId.equals(subscribed) && !task.pending.isEmpty())
        .forEach(task -> forward(task, updateRetry));
    if (outstanding != null && outstanding.getFrameworkId().getValue().equals(id)) {
      outstanding = null; // Mesos rescinds the offers of a framework that fails over.
    }
    allocate();
  }

  /** Handles a non-SUBSCRIBE call already checked for shape, or throws the HTTP error to answer. */
  synchronized void handle(Call call, String streamId) throws ApiError {
    calls.add(call);
    String id = call.getFrameworkId().getValue();
    // The order of src/master/http.cpp:614-653 (1.11.0): known framework, subscribed, stream id.
    Framework framework = frameworks.get(id);
    if (framework == null) {
      throw new ApiError(400, "Framework cannot be found");
    }
    if (framework.stream == null || !framework.stream.isOpen()) {
      throw new ApiError(403, "Framework is not subscribed");
    }
    if (streamId == null) {
      throw new ApiError(400, "All non-subscribe calls should include the '" + SchedulerEndpoint.STREAM_ID_HEADER
          + "' header");
    }
    if (!framework.stream.id().equals(streamId)) {
      throw new ApiError(400, "The stream ID '" + streamId + "' included in this request didn't match the "
          + "stream ID currently associated with framework ID " + id);
    }
    switch (call.getType()) {
      case ACCEPT -> accept(framework, call.getAccept());
      case DECLINE -> decline(framework, call.getDecline().getOfferIdsList(), call.getDecline().getFilters().hasRefuseSeconds()
          ? call.getDecline().getFilters().getRefuseSeconds() : DEFAULT_REFUSE_SECONDS);
      case ACKNOWLEDGE -> acknowledge(framework, call.getAcknowledge());
      case RECONCILE -> reconcile(framework, call.getReconcile());
      case KILL -> kill(framework, call.getKill().getTaskId());
      case REVIVE -> {
        framework.refusedUntil = Instant.MIN;
        allocate();
      }
      case TEARDOWN -> teardown(framework);
      case UNKNOWN -> throw new ApiError(501, ""); // http.cpp:726-728
      default -> throw new ApiError(501, "The stand-in master does not implement " + call.getType() + " calls");
    }
  }

  /** Every call received, in order; tests read it. */
  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Breaks every subscription stream without telling the frameworks. */
  synchronized void dropStreams() {
    log.accept("master: dropping every subscription stream");
    for (Framework framework : frameworks.values()) {
      if (framework.stream != null) {
        framework.stream.drop();
        framework.stream = null;
      }
    }
  }

  synchronized void streamBroken(String frameworkId, EventStream stream) {
    Framework framework = frameworks.get(frameworkId);
    if (framework != null && framework.stream == stream) {
      framework.stream = null;
    }
  }

  private void accept(Framework framework, Call.Accept accept) throws ApiError {
    for (Offer.Operation operation : accept.getOperationsList()) {
      if (operation.getType() != Offer.Operation.Type.LAUNCH) {
        throw new ApiError(501, "The stand-in master supports only LAUNCH operations, not " + operation.getType());
      }
    }
    boolean valid = outstanding != null
        && accept.getOfferIdsCount() == 1
        && accept.getOfferIds(0).equals(outstanding.getId())
        && outstanding.getFrameworkId().getValue().equals(framework.id);
    Offer offer = valid ? outstanding : null;
    if (valid) {
      outstanding = null;
    }
    refuse(framework, accept.getFilters().hasRefuseSeconds() ? accept.getFilters().getRefuseSeconds() : DEFAULT_REFUSE_SECONDS);
    LaunchChecks checks = offer == null ? null
        : new LaunchChecks(agent.id(), tasks::containsKey, offer.getResourcesList());
    for (Offer.Operation operation : accept.getOperationsList()) {
      for (TaskInfo info : operation.getLaunch().getTaskInfosList()) {
        if (offer == null) {
          // src/master/master.cpp:3966-3999: every task of an ACCEPT with bad offers is lost.
          sendUpdate(framework, unreliable(info.getTaskId(), TaskState.TASK_LOST, TaskStatus.Source.SOURCE_MASTER,
              TaskStatus.Reason.REASON_INVALID_OFFERS, "Task launched with invalid offers: "
                  + accept.getOfferIdsList().stream().map(OfferID::getValue).toList()
                  + " are not outstanding offers of this framework"));
          continue;
        }
        Optional<String> refusal = checks.refusal(info);
        if (refusal.isPresent()) {
          // master.cpp:4916-4937: TASK_ERROR, REASON_TASK_INVALID, the validation message.
          sendUpdate(framework, unreliable(info.getTaskId(), TaskState.TASK_ERROR, TaskStatus.Source.SOURCE_MASTER,
              TaskStatus.Reason.REASON_TASK_INVALID, refusal.get()));
          continue;
        }
        List<Resource> resources = checks.normalized(info);
        log.accept("master: framework " + framework.id + " launches task " + info.getTaskId().getValue()
            + " with offer " + offer.getId().getValue());
        Task task = new Task(info, framework.id, LaunchChecks.scalar(resources, "cpus"),
            LaunchChecks.scalar(resources, "mem"));
        tasks.put(info.getTaskId().getValue(), task);
        agent.launch(info, status -> agentUpdate(task, status));
      }
    }
    allocate();
  }

  private void decline(Framework framework, List<OfferID> offerIds, double refuseSeconds) {
    log.accept("master: framework " + framework.id + " declines " + offerIds.stream().map(OfferID::getValue).toList()
        + " for " + refuseSeconds + " s");
    if (outstanding != null && offerIds.contains(outstanding.getId())
        && outstanding.getFrameworkId().getValue().equals(framework.id)) {
      outstanding = null;
    }
    refuse(framework, refuseSeconds);
    allocate();
  }

  private void acknowledge(Framework framework, Call.Acknowledge ack) {
    Task task = tasks.get(ack.getTaskId().getValue());
    if (task == null || !task.frameworkId.equals(framework.id)) {
      return; // Like Mesos: an acknowledgement for an unknown task is dropped.
    }
    TaskStatus head = task.pending.peekFirst();
    if (head != null && head.getUuid().equals(ack.getUuid())) {
      task.pending.removeFirst();
      task.cancelRetry();
      if (!task.pending.isEmpty()) {
        forward(task, updateRetry);
      }
    }
  }

  private void reconcile(Framework framework, Call.Reconcile reconcile) {
    List<TaskID> asked = reconcile.getTasksList().stream().map(Call.Reconcile.Task::getTaskId).toList();
    if (asked.isEmpty()) {
      // Implicit reconciliation: every task the master knows for the framework.
      asked = tasks.values().stream()
          .filter(task -> task.frameworkId.equals(framework.id))
          .map(task -> task.info.getTaskId())
          .toList();
    }
    for (TaskID taskId : asked) {
      Task task = tasks.get(taskId.getValue());
      if (task == null || !task.frameworkId.equals(framework.id)) {
        sendUpdate(framework, unreliable(taskId, TaskState.TASK_LOST, TaskStatus.Source.SOURCE_MASTER,
            TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Task is unknown"));
      } else {
        sendUpdate(framework, task.latest.toBuilder()
            .clearUuid()
            .setSource(TaskStatus.Source.SOURCE_MASTER)
            .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
            .setMessage("Reconciliation: Latest task state")
            .build());
      }
    }
  }

  private void kill(Framework framework, TaskID taskId) {
    Task task = tasks.get(taskId.getValue());
    if (task == null || !task.frameworkId.equals(framework.id)) {
      sendUpdate(framework, unreliable(taskId, TaskState.TASK_LOST, TaskStatus.Source.SOURCE_MASTER,
          null, "Attempted to kill an unknown task"));
      return;
    }
    agent.kill(taskId.getValue());
  }

  private void teardown(Framework framework) {
    log.accept("master: framework " + framework.id + " tears down");
    tasks.values().stream()
        .filter(task -> task.frameworkId.equals(framework.id))
        .forEach(Task::cancelRetry);
    tasks.values().stream()
        .filter(task -> task.frameworkId.equals(framework.id))
        .forEach(task -> agent.kill(task.info.getTaskId().getValue()));
    if (outstanding != null && outstanding.getFrameworkId().getValue().equals(framework.id)) {
      outstanding = null;
    }
    frameworks.remove(framework.id);
    removedFrameworks.add(framework.id);
    framework.stream.close();
    framework.stream = null;
  }

  private synchronized void agentUpdate(Task task, TaskStatus status) {
    task.latest = status;
    Framework framework = frameworks.get(task.frameworkId);
    if (framework == null) {
      return; // torn down: nobody to tell
    }
    task.pending.addLast(status);
    if (task.pending.size() == 1) {
      forward(task, updateRetry);
    }
    if (isTerminal(status.getState())) {
      allocate(); // its resources are free again
    }
  }

  /**
   * Sends the task's oldest unacknowledged update and, unless it is acknowledged first, sends it
   * again after {@code interval}, doubling up to the maximum: the agent's status update manager
   * (src/status_update_manager/status_update_manager_process.hpp:514-570 in 1.11.0, intervals from
   * src/slave/constants.hpp:58-59). The master forwards it only to a connected framework.
   */
  private void forward(Task task, Duration interval) {
    TaskStatus head = task.pending.peekFirst();
    Framework framework = frameworks.get(task.frameworkId);
    if (head == null || framework == null) {
      return;
    }
    sendUpdate(framework, head);
    task.cancelRetry();
    task.retry = timer.schedule(() -> resend(task, head, interval), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  private synchronized void resend(Task task, TaskStatus sent, Duration interval) {
    TaskStatus head = task.pending.peekFirst();
    if (head == null || !head.getUuid().equals(sent.getUuid())) {
      return; // acknowledged meanwhile
    }
    Duration next = interval.multipliedBy(2);
    log.accept("master: resending the unacknowledged " + head.getState() + " of task "
        + head.getTaskId().getValue());
    forward(task, next.compareTo(updateRetryMax) > 0 ? updateRetryMax : next);
  }

  private void sendUpdate(Framework framework, TaskStatus status) {
    if (framework.stream != null) {
      framework.stream.send(Event.newBuilder()
          .setType(Event.Type.UPDATE)
          .setUpdate(Event.Update.newBuilder().setStatus(status))
          .build());
    }
  }

  /** Offers the agent's free resources to the first connected framework not refusing them. */
  private void allocate() {
    if (outstanding != null) {
      return;
    }
    double cpus = total.cpus();
    double mem = total.memMegabytes();
    for (Task task : tasks.values()) {
      if (!isTerminal(task.latest.getState())) {
        cpus -= task.cpus;
        mem -= task.mem;
      }
    }
    if (cpus < EPSILON || mem < EPSILON) {
      return;
    }
    Instant now = Instant.now();
    for (Framework framework : frameworks.values()) {
      if (framework.stream == null || framework.refusedUntil.isAfter(now)) {
        continue;
      }
      String role = roleOf(framework.info);
      outstanding = Offer.newBuilder()
          .setId(OfferID.newBuilder().setValue(masterId + "-O" + nextOfferNumber++))
          .setFrameworkId(FrameworkID.newBuilder().setValue(framework.id))
          .setAgentId(agent.id())
          .setHostname(hostname)
          .addResources(scalarResource("cpus", cpus, role))
          .addResources(scalarResource("mem", mem, role))
          .build();
      log.accept("master: offer " + outstanding.getId().getValue() + " (cpus " + cpus + ", mem " + mem
          + ") to framework " + framework.id);
      framework.stream.send(Event.newBuilder()
          .setType(Event.Type.OFFERS)
          .setOffers(Event.Offers.newBuilder().addOffers(outstanding))
          .build());
      return;
    }
  }

  /** Frameworks without MULTI_ROLE name their role in the deprecated singular field. */
  private static String roleOf(FrameworkInfo info) {
    List<String> roles = FrameworkChecks.roles(info);
    return roles.isEmpty() ? "*" : roles.get(0);
  }

  private void refuse(Framework framework, double seconds) {
    long millis = (long) (Math.max(0, seconds) * 1000);
    framework.refusedUntil = Instant.now().plusMillis(millis);
    timer.schedule(this::allocateLater, millis + 1, TimeUnit.MILLISECONDS);
  }

  private synchronized void allocateLater() {
    allocate();
  }

  private synchronized void heartbeats() {
    Event beat = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    frameworks.values().stream().filter(f -> f.stream != null).forEach(f -> f.stream.send(beat));
  }

  private TaskStatus unreliable(TaskID taskId, TaskState state, TaskStatus.Source source,
      TaskStatus.Reason reason, String message) {
    return StatusUpdates.unreliable(taskId, agent.id(), state, source, reason, message);
  }

  private static Resource scalarResource(String name, double amount, String role) {
    return Resource.newBuilder()
        .setName(name)
        .setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(amount))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role))
        .build();
  }


  /**
   * Terminal states per Mesos's {@code protobuf::isTerminalState}. The stand-in's own list, not
   * the example framework's: a test double must not lean on the code it tests.
   */
  private static boolean isTerminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_LOST, TASK_ERROR, TASK_DROPPED, TASK_GONE,
          TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }

  private static final class Framework {
    final String id;
    FrameworkInfo info;
    EventStream stream;
    Instant refusedUntil = Instant.MIN;

    Framework(String id) {
      this.id = id;
    }
  }

  private static final class Task {
    final TaskInfo info;
    final String frameworkId;
    final double cpus;
    final double mem;
    final Deque<TaskStatus> pending = new ArrayDeque<>();
    TaskStatus latest;
    ScheduledFuture<?> retry;

    void cancelRetry() {
      if (retry != null) {
        retry.cancel(false);
        retry = null;
      }
    }

    Task(TaskInfo info, String frameworkId, double cpus, double mem) {
      this.info = info;
      this.frameworkId = frameworkId;
      this.cpus = cpus;
      this.mem = mem;
      this.latest = TaskStatus.newBuilder()
          .setTaskId(info.getTaskId())
          .setAgentId(info.getAgentId())
          .setState(TaskState.TASK_STAGING)
          .build();
    }
  }
}
