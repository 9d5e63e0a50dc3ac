package io.dvdcli.examples.scheduler.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
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
 * state, and reliable delivery of status updates (one outstanding update per task, resent on
 * re-subscribe, the next one only after the previous is acknowledged).
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

  StandInMaster(StandInAgent agent, String hostname, AgentResources total, Duration heartbeat,
      ScheduledExecutorService timer, Consumer<String> log) {
    this.log = log;
    this.agent = agent;
    this.hostname = hostname;
    this.total = total;
    this.heartbeat = heartbeat;
    this.timer = timer;
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
    String id;
    if (info.hasId()) {
      id = info.getId().getValue();
      if (removedFrameworks.contains(id)) {
        // As the Mesos master: the subscription is answered, with an ERROR event, then closed.
        EventStream stream = openStream.apply(id);
        stream.send(Event.newBuilder()
            .setType(Event.Type.ERROR)
            .setError(Event.Error.newBuilder().setMessage("Framework has been removed"))
            .build());
        stream.close();
        return;
      }
    } else {
      id = masterId + "-" + String.format("%04d", nextFrameworkNumber++);
    }
    Framework framework = frameworks.computeIfAbsent(id, key -> new Framework(key));
    framework.info = info;
    if (framework.stream != null) {
      // Only one subscription per framework: the newer one wins, the older one is closed.
      framework.stream.close();
    }
    framework.stream = openStream.apply(id);
    log.accept("master: framework " + id + (info.hasId() ? " re-subscribed" : " subscribed")
        + " (stream " + framework.stream.id() + ")");
    framework.stream.send(Event.newBuilder()
        .setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(id))
            .setHeartbeatIntervalSeconds(heartbeat.toMillis() / 1000.0))
        .build());
    // Updates not acknowledged before the disconnection are sent again.
    tasks.values().stream()
        .filter(task -> task.frameworkId.equals(id) && !task.pending.isEmpty())
        .forEach(task -> sendUpdate(framework, task.pending.peekFirst()));
    if (outstanding != null && outstanding.getFrameworkId().getValue().equals(id)) {
      outstanding = null; // Mesos rescinds the offers of a framework that fails over.
    }
    allocate();
  }

  /** Handles a non-SUBSCRIBE call already checked for shape, or throws the HTTP error to answer. */
  synchronized void handle(Call call, String streamId) throws ApiError {
    calls.add(call);
    String id = call.getFrameworkId().getValue();
    Framework framework = frameworks.get(id);
    if (framework == null) {
      throw new ApiError(403, removedFrameworks.contains(id)
          ? "Framework " + id + " has been removed" : "Framework " + id + " is not subscribed");
    }
    if (framework.stream == null || !framework.stream.isOpen()) {
      throw new ApiError(403, "Framework " + id + " is not subscribed");
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
    double cpusLeft = offer == null ? 0 : scalar(offer.getResourcesList(), "cpus");
    double memLeft = offer == null ? 0 : scalar(offer.getResourcesList(), "mem");
    for (Offer.Operation operation : accept.getOperationsList()) {
      for (TaskInfo info : operation.getLaunch().getTaskInfosList()) {
        String verdict = null;
        TaskState state = TaskState.TASK_ERROR;
        TaskStatus.Reason reason = TaskStatus.Reason.REASON_TASK_INVALID;
        double cpus = scalar(info.getResourcesList(), "cpus");
        double mem = scalar(info.getResourcesList(), "mem");
        if (offer == null) {
          state = TaskState.TASK_LOST;
          reason = TaskStatus.Reason.REASON_INVALID_OFFERS;
          verdict = "Task launched with invalid offers: " + accept.getOfferIdsList().stream()
              .map(OfferID::getValue).toList() + " are not outstanding offers of this framework";
        } else if (tasks.containsKey(info.getTaskId().getValue())) {
          verdict = "Task has duplicate ID: " + info.getTaskId().getValue();
        } else if (!info.getAgentId().equals(agent.id())) {
          verdict = "Task uses agent " + info.getAgentId().getValue() + " but the offer is for " + agent.id().getValue();
        } else if (!info.hasCommand() || info.hasExecutor()) {
          verdict = "The stand-in agent runs command tasks only (CommandInfo set, no ExecutorInfo)";
        } else if (cpus > cpusLeft + EPSILON || mem > memLeft + EPSILON) {
          verdict = "Task uses more resources (cpus " + cpus + ", mem " + mem + ") than offered (cpus "
              + cpusLeft + ", mem " + memLeft + ")";
        }
        if (verdict != null) {
          sendUpdate(framework, unreliable(info.getTaskId(), state, TaskStatus.Source.SOURCE_MASTER, reason, verdict));
          continue;
        }
        cpusLeft -= cpus;
        memLeft -= mem;
        log.accept("master: framework " + framework.id + " launches task " + info.getTaskId().getValue()
            + " with offer " + offer.getId().getValue());
        Task task = new Task(info, framework.id, cpus, mem);
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

  private void acknowledge(Framework framework, Call.Acknowledge ack) throws ApiError {
    if (ack.getUuid().size() != 16) {
      throw new ApiError(400, "Failed to validate scheduler::Call: 'acknowledge.uuid' is not a valid UUID");
    }
    Task task = tasks.get(ack.getTaskId().getValue());
    if (task == null || !task.frameworkId.equals(framework.id)) {
      return; // Like Mesos: an acknowledgement for an unknown task is dropped.
    }
    TaskStatus head = task.pending.peekFirst();
    if (head != null && head.getUuid().equals(ack.getUuid())) {
      task.pending.removeFirst();
      if (!task.pending.isEmpty()) {
        sendUpdate(framework, task.pending.peekFirst());
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
      sendUpdate(framework, status);
    }
    if (isTerminal(status.getState())) {
      allocate(); // its resources are free again
    }
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
  @SuppressWarnings("deprecation")
  private static String roleOf(FrameworkInfo info) {
    if (info.getRolesCount() > 0) {
      return info.getRoles(0);
    }
    return info.hasRole() ? info.getRole() : "*";
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

  private static double scalar(List<Resource> resources, String name) {
    return resources.stream()
        .filter(r -> r.getName().equals(name) && r.getType() == Value.Type.SCALAR)
        .mapToDouble(r -> r.getScalar().getValue())
        .sum();
  }

  private static boolean isTerminal(TaskState state) {
    return io.dvdcli.examples.scheduler.scheduler.TaskOutcome.isTerminal(state);
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
