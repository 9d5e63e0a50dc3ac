package io.dvdcli.flexvolume;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * kubelet's side of the Flexvolume calls, reproduced from kubernetes/kubernetes (no kubelet can run
 * here), each step naming its source:
 * <ul>
 *   <li>{@code pkg/volume/flexvolume/driver-call.go}: {@code Run} execs {@code <dir>/<vendor~driver>/
 *       <driver>} with argv {@code [call, args...]}, stdin the null device (Go's exec default), and
 *       reads stdout and stderr together ({@code CombinedOutput}); {@code handleCmdResponse}
 *       {@code json.Unmarshal}s that output into a status whose capabilities default to
 *       attach/selinuxRelabel/fsGroup/requiresFSResize true; any status but Success is an error
 *       {@code "<call> command failed, status: <status>, reason: <message>"}; "Not supported" marks
 *       the call unsupported for good ({@code plugin.go} isUnsupported). {@code AppendSpec} /
 *       {@code NewOptionsForDriver} build the JSON argument: fsType, readwrite, pvOrVolumeName, then
 *       the extra options, then the pod's {@code flexVolume.options} last; {@code json.Marshal}
 *       (see {@link GoJson}).
 *   <li>{@code mounter.go} SetUpAt: {@code prepareForMount} first ({@code util.go}: mount-utils'
 *       {@code IsLikelyNotMountPoint}, a device comparison with the parent; a missing folder is made
 *       with {@code MkdirAll(dir, 0750)}; a likely mount point skips the call), then the pod's name,
 *       namespace, uid and service account, {@code kubernetes.io/secret/<key>} as base64
 *       ({@code util.go} addSecretsToOptions), {@code mounterArgs.FsGroup} when set; after a failed
 *       call {@code os.Remove(dir)}.
 *   <li>{@code unmounter.go} TearDownAt: {@code mount.PathExists(dir)} false skips the call; after a
 *       successful call the folder is removed with {@code os.Remove} unless the driver did.
 *   <li>{@code plugin.go} NewFlexVolumePlugin: {@code init} must succeed and its capabilities are
 *       kept; the pod's volume folder is {@code <root>/pods/<uid>/volumes/<vendor~driver>/<volume>}
 *       ({@code GetPodVolumeDir} with {@code EscapeQualifiedName}).
 * </ul>
 */
final class Kubelet {
  private static final ObjectMapper GO_UNMARSHAL =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A pod, as far as the driver sees it. */
  record Pod(String uid, String name, String namespace, String serviceAccount) {
    static Pod named(String name) {
      return new Pod(java.util.UUID.randomUUID().toString(), name, "default", "default");
    }
  }

  /**
   * A {@code flexVolume} volume source in a pod (or a PV, whose name is then the pvOrVolumeName).
   *
   * @param secret the Secret's data, as the API server holds it (kubelet base64-encodes it again)
   */
  record FlexVolume(String name, String fsType, boolean readOnly, Map<String, String> options,
      Map<String, String> secret, Long fsGroup) {
    static FlexVolume of(String name, Map<String, String> options) {
      return new FlexVolume(name, "", false, options, Map.of(), null);
    }

    FlexVolume asReadOnly() {
      return new FlexVolume(name, fsType, true, options, secret, fsGroup);
    }

    FlexVolume withSecret(Map<String, String> data) {
      return new FlexVolume(name, fsType, readOnly, options, data, fsGroup);
    }
  }

  /** One call's result as kubelet sees it. */
  record Outcome(boolean called, int exitCode, String output, JsonNode status, String error) {
    boolean ok() {
      return error == null;
    }

    String message() {
      return status == null || status.get("message") == null ? "" : status.get("message").asText();
    }

    @Override
    public String toString() {
      return "called=" + called + " exit=" + exitCode + " output=[" + output + "] error=" + error;
    }
  }

  /** A driver call still running, for tests that kill it. */
  final class Running {
    private final Process process;
    private final CompletableFuture<byte[]> output;
    private final String call;
    private final Path dir;

    Running(Process process, String call, Path dir) {
      this.process = process;
      this.output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
      this.call = call;
      this.dir = dir;
    }

    void kill9() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    long pid() {
      return process.pid();
    }

    boolean alive() {
      return process.isAlive();
    }

    /** Waits (bounded) for the process to end, without kubelet's follow-up. */
    boolean awaitExit() throws InterruptedException {
      return process.waitFor(180, TimeUnit.SECONDS);
    }

    /** Waits (bounded) and does what kubelet does after this call. */
    Outcome finish() throws InterruptedException {
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        kill9();
        throw new AssertionError("driver call '" + call + "' did not end within 180 s");
      }
      String text = new String(output.join(), StandardCharsets.UTF_8);
      Outcome outcome = handleResponse(call, process.exitValue(), text);
      if (call.equals("mount") && !outcome.ok()) {
        removeQuietly(dir); // mounter.go: os.Remove(dir) after a failed call
      }
      if (call.equals("unmount") && outcome.ok() && Files.exists(dir)) {
        try {
          Files.delete(dir); // unmounter.go: os.Remove(dir), an error fails the tear-down
        } catch (IOException e) {
          return new Outcome(true, outcome.exitCode(), outcome.output(), outcome.status(), "os.Remove: " + e);
        }
      }
      return outcome;
    }
  }

  private final Path root;
  private final Path executable;
  private final String driverFolder;
  private final Map<String, String> env;
  private final Set<String> unsupported = new HashSet<>();
  private JsonNode capabilities;

  /**
   * @param root kubelet's root folder ({@code --root-dir}, /var/lib/kubelet)
   * @param executable the installed driver, {@code <plugin dir>/<vendor~driver>/<driver>}
   * @param env the environment kubelet's process passes on
   */
  Kubelet(Path root, Path executable, Map<String, String> env) {
    this.root = root;
    this.executable = executable;
    this.driverFolder = executable.getParent().getFileName().toString();
    this.env = Map.copyOf(env);
  }

  /** plugin.go NewFlexVolumePlugin: the driver loads only when init succeeds. */
  Outcome probe() throws IOException, InterruptedException {
    Outcome outcome = start("init", null).finish();
    if (outcome.ok()) {
      capabilities = outcome.status().get("capabilities");
    }
    return outcome;
  }

  /** The capabilities kubelet keeps from init (absent ones default as in defaultCapabilities). */
  boolean capability(String name) {
    boolean byDefault = !name.equals("supportsMetrics");
    JsonNode c = capabilities == null ? null : capabilities.get(name);
    return c == null ? byDefault : c.asBoolean();
  }

  Path podVolumeDir(Pod pod, String volumeName) {
    return root.resolve("pods").resolve(pod.uid()).resolve("volumes").resolve(driverFolder).resolve(volumeName);
  }

  Outcome setUp(Pod pod, FlexVolume volume) throws IOException, InterruptedException {
    Running running = startSetUp(pod, volume);
    return running == null ? new Outcome(false, 0, "", null, null) : running.finish();
  }

  /** SetUpAt up to the exec; null when prepareForMount finds the folder (likely) mounted. */
  Running startSetUp(Pod pod, FlexVolume volume) throws IOException {
    Path dir = podVolumeDir(pod, volume.name());
    if (!isLikelyNotMountPoint(dir)) {
      return null;
    }
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("kubernetes.io/pod.name", pod.name());
    extra.put("kubernetes.io/pod.namespace", pod.namespace());
    extra.put("kubernetes.io/pod.uid", pod.uid());
    extra.put("kubernetes.io/serviceAccount.name", pod.serviceAccount());
    volume.secret().forEach((k, v) ->
        extra.put("kubernetes.io/secret/" + k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    if (volume.fsGroup() != null) {
      extra.put("kubernetes.io/mounterArgs.FsGroup", Long.toString(volume.fsGroup()));
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("kubernetes.io/fsType", volume.fsType());
    options.put("kubernetes.io/readwrite", volume.readOnly() ? "ro" : "rw");
    options.put("kubernetes.io/pvOrVolumeName", volume.name());
    options.putAll(extra);
    options.putAll(volume.options());
    return start("mount", dir, dir.toString(), GoJson.marshal(options));
  }

  Outcome tearDown(Pod pod, String volumeName) throws IOException, InterruptedException {
    Running running = startTearDown(pod, volumeName);
    return running == null ? new Outcome(false, 0, "", null, null) : running.finish();
  }

  /** TearDownAt up to the exec; null when the folder does not exist. */
  Running startTearDown(Pod pod, String volumeName) throws IOException {
    Path dir = podVolumeDir(pod, volumeName);
    if (!Files.exists(dir)) { // mount.PathExists false: "Unmount skipped because path does not exist"
      return null;
    }
    return start("unmount", dir, dir.toString());
  }

  /** Any other call, e.g. one kubelet makes only for attachable drivers. */
  Outcome call(String call, String... args) throws IOException, InterruptedException {
    if (unsupported.contains(call)) {
      return new Outcome(false, 0, "", null, "Not supported");
    }
    return start(call, null, args).finish();
  }

  private Running start(String call, Path dir, String... args) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(executable.toString());
    argv.add(call);
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(new File("/dev/null"));
    builder.environment().putAll(env);
    return new Running(builder.start(), call, dir);
  }

  /** driver-call.go Run and handleCmdResponse. */
  private Outcome handleResponse(String call, int exit, String output) {
    JsonNode status;
    try {
      status = GO_UNMARSHAL.readTree(output);
    } catch (IOException e) {
      return new Outcome(true, exit, output, null, "Failed to unmarshal output for command: " + call + ": " + e.getMessage());
    }
    if (status == null || !status.isObject()) {
      return new Outcome(true, exit, output, null, "Failed to unmarshal output for command: " + call + ": not an object");
    }
    String s = status.path("status").asText("");
    if (s.equals("Not supported")) {
      unsupported.add(call);
      return new Outcome(true, exit, output, status, "Not supported");
    }
    if (!s.equals("Success")) {
      return new Outcome(true, exit, output, status,
          call + " command failed, status: " + s + ", reason: " + status.path("message").asText(""));
    }
    if (exit != 0) {
      return new Outcome(true, exit, output, status, "FlexVolume: driver bug: exec error (exit " + exit + ") but no error in response");
    }
    return new Outcome(true, exit, output, status, null);
  }

  /** mount-utils mount_linux.go IsLikelyNotMountPoint, with util.go prepareForMount's MkdirAll. */
  static boolean isLikelyNotMountPoint(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      Files.createDirectories(dir.getParent());
      Files.createDirectory(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
      return true;
    }
    Object dev = Files.getAttribute(dir, "unix:dev");
    Object parentDev = Files.getAttribute(dir.getParent(), "unix:dev");
    return dev.equals(parentDev);
  }

  private static void removeQuietly(Path dir) {
    try {
      if (dir != null) {
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      // Go's os.Remove error is ignored there too.
    }
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
