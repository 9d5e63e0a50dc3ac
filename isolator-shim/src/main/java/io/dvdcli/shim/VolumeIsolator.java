package io.dvdcli.shim;

import io.dvdcli.shim.driver.DriverException;
import io.dvdcli.shim.driver.DvdcliCalls;
import io.dvdcli.shim.driver.DvdcliDriver;
import io.dvdcli.shim.driver.ProcessRunner;
import io.dvdcli.shim.driver.ProcessTree;
import io.dvdcli.shim.host.HostOperations;
import io.dvdcli.shim.host.LinuxHost;
import io.dvdcli.shim.state.Binding;
import io.dvdcli.shim.state.CheckpointPaths;
import io.dvdcli.shim.state.CheckpointStore;
import io.dvdcli.shim.state.ContainerIds;
import io.dvdcli.shim.state.ContainerRecord;
import io.dvdcli.shim.state.DockerVolume;
import io.dvdcli.shim.state.FileMutex;
import io.dvdcli.shim.state.InFlightCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Mesos agent's {@code docker/volume} lifecycle around dvdcli, safe across processes.
 *
 * <p>Invariants that make crashes and concurrent shims harmless:
 *
 * <ol>
 *   <li>A container's record is written (atomically, fsynced) before any of its volumes is
 *       mounted, so every volume that may be mounted is named by a container record or by a
 *       released record ({@code .released/<id>/volumes}).
 *   <li>Cleanup moves a record's volumes into its released record and erases the record in one
 *       critical section; a volume leaves the released records only once dvdcli has unmounted it,
 *       or once another container whose own mount of it completed (its {@code mounted} record)
 *       takes it over. A failed unmount therefore stays recorded and is retried, never reported
 *       as done.
 *   <li>Mounts and unmounts of one volume are serialised by a per-volume file lock, and an unmount
 *       happens only while no container record names the volume (checked under that lock). So a
 *       volume still used by a live container is never unmounted. Reference counts are never
 *       stored: they are the set of records naming a volume.
 * </ol>
 *
 * <p>Lock order: a volume lock, then the state lock (held only for short record reads/writes).
 * {@link #recover} must not run while containers missing from its live set are being prepared.
 */
// Locks are try-with-resources whose body never names them: holding them is the point.
@SuppressWarnings("try")
public final class VolumeIsolator {
  private final IsolatorConfig config;
  private final CheckpointStore store;
  private final DvdcliCalls driver;
  private final HostOperations host;
  private final ContainerBindMounts bindMounts;
  private final StepHook steps;

  /** The library's entry: the configured dvdcli and this Linux host (bind mounts, chown). */
  public VolumeIsolator(IsolatorConfig config) {
    this(config, dvdcliDriver(config), LinuxHost.create(), StepHook.NONE);
  }

  /**
   * @param driver the process boundary (dvdcli)
   * @param host bind mounts, unmounts and chown, which {@code config} may ask for
   * @param steps called at each named step
   */
  public VolumeIsolator(IsolatorConfig config, DvdcliCalls driver, HostOperations host, StepHook steps) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = new CheckpointStore(new CheckpointPaths(config.checkpointDir()));
    this.driver = Objects.requireNonNull(driver, "driver");
    this.host = Objects.requireNonNull(host, "host");
    this.bindMounts = new ContainerBindMounts(host);
    this.steps = Objects.requireNonNull(steps, "steps");
  }

  public static DvdcliCalls dvdcliDriver(IsolatorConfig config) {
    return new DvdcliDriver(config.dvdcli(), config.mountTimeout(), config.unmountTimeout(),
        new ProcessRunner(config.dvdcliEnvironment()));
  }

  public IsolatorConfig config() {
    return config;
  }

  public PrepareResult prepare(String containerId, List<VolumeRequest> volumes) throws IOException {
    return prepare(containerId, volumes, ContainerContext.NONE);
  }

  /**
   * Checkpoints the container's volumes, mounts each (all or nothing), and, when configured, makes
   * each visible at its container path.
   *
   * @throws IllegalArgumentException for an invalid container ID or a duplicate volume
   * @throws IsolatorException when a step fails; what this prepare did is undone first
   */
  public PrepareResult prepare(String containerId, List<VolumeRequest> volumes, ContainerContext context)
      throws IOException {
    ContainerIds.validate(containerId);
    Objects.requireNonNull(context, "context");
    Set<DockerVolume> identities = new LinkedHashSet<>();
    for (VolumeRequest request : volumes) {
      if (!identities.add(request.volume())) {
        throw new IllegalArgumentException("Found duplicate docker volume with driver '"
            + request.driver() + "' and name '" + request.name() + "'");
      }
    }
    List<Path> targets = resolveTargets(volumes, context);
    if (volumes.isEmpty()) {
      // As the agent: no volumes, no record.
      return new PrepareResult(containerId, List.of());
    }

    steps.reached("prepare:before-checkpoint");
    try (FileMutex state = stateLock()) {
      if (store.exists(containerId)) {
        throw new IsolatorException("Failed to prepare container '" + containerId
            + "': it is already prepared (clean it up first)");
      }
      store.write(containerId, identities);
    }
    steps.reached("prepare:after-checkpoint");

    Set<DockerVolume> touched = new LinkedHashSet<>();
    try {
      List<String> hostPaths = new ArrayList<>();
      for (int i = 0; i < volumes.size(); i++) {
        VolumeRequest request = volumes.get(i);
        try (FileMutex lock = volumeLock(request.volume())) {
          touched.add(request.volume());
          try {
            int n = i + 1;
            hostPaths.add(driver.mount(request.volume(), request.options(), request.explicitCreate(),
                started(request.volume(), "prepare:mount-started-" + n)));
          } catch (DriverException e) {
            if (e.outcomeKnown()) {
              touched.remove(request.volume()); // dvdcli said it failed: nothing to undo
            }
            throw e;
          }
          try (FileMutex state = stateLock()) {
            store.markMounted(containerId, request.volume());
          }
        }
        steps.reached("prepare:after-mount-" + (i + 1));
      }
      return expose(containerId, volumes, context, targets, hostPaths);
    } catch (IOException | RuntimeException e) {
      throw rollback(containerId, touched, e);
    }
  }

  private PrepareResult expose(String containerId, List<VolumeRequest> volumes, ContainerContext context,
      List<Path> targets, List<String> hostPaths) throws IOException {
    List<PreparedVolume> prepared = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      VolumeRequest request = volumes.get(i);
      Path source = Path.of(hostPaths.get(i));
      if (config.chown() && context.user() != null && !context.user().equals("root")) {
        host.chown(source, context.user());
      }
      Path target = targets.get(i);
      if (target != null) {
        boolean readOnly = request.mode() == VolumeRequest.Mode.RO;
        try (FileMutex state = stateLock()) {
          // Recorded before mounting, so that a crash cannot leave an unknown bind mount.
          store.appendBinding(containerId, new Binding(
              request.driver(), request.name(), source.toString(), target.toString(), readOnly));
        }
        bindMounts.bind(source, target, readOnly);
        steps.reached("prepare:after-bind-" + (i + 1));
      }
      prepared.add(new PreparedVolume(request.driver(), request.name(), source.toString(),
          request.containerPath(), request.mode(), target == null ? null : target.toString()));
    }
    return new PrepareResult(containerId, prepared);
  }

  /** Mesos' rules for the mount target; null where nothing is to be bind mounted. */
  private List<Path> resolveTargets(List<VolumeRequest> volumes, ContainerContext context) throws IOException {
    List<Path> targets = new ArrayList<>();
    for (VolumeRequest request : volumes) {
      String containerPath = request.containerPath();
      if (!config.bindMounts() || containerPath == null) {
        targets.add(null);
      } else if (containerPath.startsWith("/")) {
        Path target = Path.of(containerPath);
        if (!Files.exists(target)) {
          throw new IllegalArgumentException("Absolute container path '" + containerPath + "' does not exist");
        }
        targets.add(target);
      } else {
        if (context.sandbox() == null) {
          throw new IllegalArgumentException("Relative container path '" + containerPath
              + "' needs the container's sandbox directory");
        }
        Path target = context.sandbox().resolve(containerPath);
        try {
          Files.createDirectories(target);
        } catch (IOException e) {
          throw new IsolatorException("Failed to create the target of the mount at '" + target + "': " + e.getMessage(), e);
        }
        targets.add(target);
      }
    }
    return targets;
  }

  /** Undoes a failed prepare through the cleanup path, limited to what this prepare may have mounted. */
  private IsolatorException rollback(String containerId, Set<DockerVolume> touched, Exception cause) {
    List<String> problems = new ArrayList<>();
    try {
      unbindAll(containerId);
      try (FileMutex state = stateLock()) {
        store.addReleased(containerId, touched);
        store.remove(containerId);
      }
      Unmounts unmounts = unmountReleased(containerId);
      problems.addAll(unmounts.failures);
    } catch (IOException | RuntimeException e) {
      problems.add(e.getMessage() + " (the container stays recorded; run cleanup or recover)");
    }
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    StringBuilder message = new StringBuilder();
    for (String problem : problems) {
      message.append("While undoing: ").append(problem).append('\n');
    }
    message.append(reason).append(" (container '").append(containerId).append("' was not prepared");
    message.append(problems.isEmpty() ? "; undone)" : "; what could not be undone is recorded for recover)");
    return new IsolatorException(message.toString(), cause);
  }

  /**
   * Takes away the container's bind mounts, erases its record, then unmounts each of its volumes
   * that no other container's record names. Cleaning up an unknown container succeeds.
   *
   * @throws IsolatorException when an unmount fails; it stays recorded and the next cleanup of
   *     this container, or recover, retries it
   */
  public CleanupResult cleanup(String containerId) throws IOException {
    ContainerIds.validate(containerId);
    try {
      unbindAll(containerId);
    } catch (IOException e) {
      throw new IsolatorException("Failed to clean up container '" + containerId + "': " + e.getMessage()
          + " (its record is kept; retry cleanup)", e);
    }
    steps.reached("cleanup:after-unbind");
    try (FileMutex state = stateLock()) {
      Optional<ContainerRecord> record = store.read(containerId);
      if (record.isPresent()) {
        store.addReleased(containerId, record.get().volumes());
        store.remove(containerId);
      }
    }
    steps.reached("cleanup:after-release");
    Unmounts unmounts = unmountReleased(containerId);
    if (!unmounts.failures.isEmpty()) {
      StringBuilder message = new StringBuilder();
      for (String failure : unmounts.failures.subList(0, unmounts.failures.size() - 1)) {
        message.append(failure).append('\n');
      }
      message.append("Failed to clean up container '").append(containerId).append("': ")
          .append(unmounts.failures.get(unmounts.failures.size() - 1))
          .append(" (recorded; the next cleanup or recover retries it)");
      throw new IsolatorException(message.toString());
    }
    return new CleanupResult(containerId, unmounts.unmounted, unmounts.stillInUse);
  }

  /**
   * Rebuilds the picture after a restart from the checkpoint dir: containers in {@code
   * liveContainerIds} keep their volumes; every other recorded container is an orphan and is
   * cleaned up; unmounts that failed earlier are retried. Volumes named by live containers are
   * never unmounted.
   */
  public RecoverResult recover(Set<String> liveContainerIds) throws IOException {
    Set<String> live = new HashSet<>(liveContainerIds);
    List<String> recovered = new ArrayList<>();
    List<String> orphans = new ArrayList<>();
    List<String> unmounted = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Set<String> attempted = new HashSet<>();
    List<ContainerRecord> records;
    try (FileMutex state = stateLock()) {
      records = store.readAll();
    }
    for (ContainerRecord record : records) {
      String id = record.containerId();
      // Cases: a record that could not be read whole (empty after a hard reboot, no file after a
      // crash between mkdir and write) names nothing; nothing of it was mounted yet.
      record.problem().ifPresent(p -> warnings.add("Container '" + id + "': " + p + "; it counts as having no volumes"));
      if (live.contains(id)) {
        recovered.add(id);
        continue;
      }
      // An orphan: the caller says it is gone (e.g. the agent died before cleaning it up).
      attempted.add(id);
      try {
        unmounted.addAll(cleanup(id).unmounted());
        orphans.add(id);
      } catch (IsolatorException | IllegalArgumentException e) {
        failures.add(lastLine(e.getMessage()));
      }
    }
    // Volumes released earlier whose unmount failed or was cut short by a crash.
    List<String> releasedIds;
    try (FileMutex state = stateLock()) {
      releasedIds = store.paths().releasedIds();
    }
    for (String id : releasedIds) {
      if (attempted.contains(id)) {
        continue; // its cleanup above just tried these
      }
      Unmounts retry = unmountReleased(id);
      unmounted.addAll(retry.unmounted);
      failures.addAll(retry.failures);
    }
    return new RecoverResult(recovered, orphans, unmounted, warnings, failures);
  }

  /** What the checkpoint dir says now: records, released volumes, and who uses which volume. */
  public IsolatorStatus status() throws IOException {
    try (FileMutex state = stateLock()) {
      List<IsolatorStatus.Container> containers = new ArrayList<>();
      Map<String, List<String>> users = new LinkedHashMap<>();
      for (ContainerRecord record : store.readAll()) {
        List<String> names = record.volumes().stream().map(DockerVolume::toString).toList();
        containers.add(new IsolatorStatus.Container(record.containerId(), names,
            store.readBindings(record.containerId()).stream().map(Binding::target).toList(),
            record.problem().orElse(null)));
        for (String name : names) {
          users.computeIfAbsent(name, k -> new ArrayList<>()).add(record.containerId());
        }
      }
      Map<String, List<String>> released = new LinkedHashMap<>();
      for (ContainerRecord record : store.readAllReleased()) {
        released.put(record.containerId(), record.volumes().stream().map(DockerVolume::toString).toList());
      }
      return new IsolatorStatus(store.paths().root().toString(), containers, users, released);
    }
  }

  private static final class Unmounts {
    final List<String> unmounted = new ArrayList<>();
    final Map<String, List<String>> stillInUse = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();
  }

  private Unmounts unmountReleased(String containerId) throws IOException {
    Unmounts result = new Unmounts();
    ContainerRecord released;
    try (FileMutex state = stateLock()) {
      released = store.readReleased(containerId);
    }
    int step = 0;
    for (DockerVolume volume : released.volumes()) {
      step++;
      try (FileMutex lock = volumeLock(volume)) {
        List<String> users;
        try (FileMutex state = stateLock()) {
          if (!store.readReleased(containerId).uses(volume)) {
            continue; // unmounted meanwhile by another cleanup
          }
          users = store.users(volume);
        }
        if (!users.isEmpty()) {
          result.stillInUse.put(volume.toString(), users);
          try (FileMutex state = stateLock()) {
            if (holdsMount(users, volume)) {
              // A user's own mount completed, so its cleanup will unmount the volume: hand it over.
              store.forgetReleased(containerId, volume);
            }
            // Otherwise the users' mounts may yet fail and leave the volume to no one: keep it.
          }
          continue;
        }
        try {
          driver.unmount(volume, started(volume, "cleanup:unmount-started-" + step));
        } catch (DriverException e) {
          result.failures.add(e.getMessage());
          continue;
        }
        steps.reached("cleanup:after-unmount-" + step);
        try (FileMutex state = stateLock()) {
          store.forgetReleased(volume);
        }
        result.unmounted.add(volume.toString());
      }
    }
    return result;
  }

  private boolean holdsMount(List<String> users, DockerVolume volume) throws IOException {
    for (String user : users) {
      if (store.mounted(user).contains(volume)) {
        return true;
      }
    }
    return false;
  }

  private void unbindAll(String containerId) throws IOException {
    List<Binding> bindings;
    try (FileMutex state = stateLock()) {
      bindings = new ArrayList<>(store.readBindings(containerId));
    }
    java.util.Collections.reverse(bindings);
    for (Binding binding : bindings) {
      bindMounts.unbind(Path.of(binding.target()));
    }
  }

  private FileMutex stateLock() throws IOException {
    return FileMutex.acquire(store.paths().stateLock());
  }

  /**
   * Locks the volume. A dvdcli still running on it was left by a shim killed mid-call (every call
   * runs under this lock): its tree is killed first, so that it cannot finish behind our back.
   */
  private FileMutex volumeLock(DockerVolume volume) throws IOException {
    Path lock = store.paths().volumeLock(volume);
    FileMutex mutex = FileMutex.acquire(lock);
    try {
      Path record = InFlightCalls.recordFor(lock);
      InFlightCalls.leftOver(record).ifPresent(ProcessTree::kill);
      InFlightCalls.clear(record);
      return mutex;
    } catch (IOException | RuntimeException e) {
      mutex.close();
      throw e;
    }
  }

  private DvdcliCalls.Started started(DockerVolume volume, String step) {
    Path record = InFlightCalls.recordFor(store.paths().volumeLock(volume));
    return process -> {
      InFlightCalls.record(record, process);
      steps.reached(step);
    };
  }

  private static String lastLine(String message) {
    if (message == null) {
      return "unknown failure";
    }
    String[] lines = message.split("\n");
    return lines[lines.length - 1];
  }
}
