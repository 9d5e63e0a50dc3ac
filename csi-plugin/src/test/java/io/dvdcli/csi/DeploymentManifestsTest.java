package io.dvdcli.csi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dvdcli.csi.controller.ControllerService;
import io.dvdcli.csi.node.NodeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/kubernetes agrees with the code: the driver's name, the node container's flags (parsed as
 * dvdcli-csi parses them), the sockets and folders it uses being the host's own paths, and the
 * sidecar dialing the same socket.
 */
class DeploymentManifestsTest {
  static final Path DIR = Path.of(System.getProperty("user.dir")).resolve("../deploy/kubernetes").normalize();

  /** One object of one file. */
  record Manifest(Path file, JsonNode body) {
    String kind() {
      return body.path("kind").asText();
    }

    String name() {
      return body.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
      return kind() + " " + name() + " (" + file.getFileName() + ")";
    }
  }

  /** A container's volume mount with the pod volume behind it. */
  record Mount(String volume, Path mountPath, Optional<Path> hostPath, String propagation, boolean readOnly) {}

  static List<Manifest> manifests;

  @BeforeAll
  static void read() throws IOException {
    assertTrue(Files.isDirectory(DIR), DIR + " is missing");
    YAMLMapper yaml = new YAMLMapper();
    List<Manifest> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        List<JsonNode> docs = yaml.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
        docs.stream().filter(d -> d != null && d.isObject()).forEach(d -> all.add(new Manifest(file, d)));
      }
    }
    manifests = all;
  }

  @Test
  void everyObjectHasAKindANameAndTheNamespaceOfTheDriver() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      files.forEach(f -> assertTrue(f.toString().endsWith(".yaml"), f + ": only .yaml files belong in " + DIR));
    }
    assertFalse(manifests.isEmpty(), "no manifests in " + DIR);
    String namespace = one("Namespace").name();
    for (Manifest m : manifests) {
      assertFalse(m.body().path("apiVersion").asText().isEmpty(), m + " has no apiVersion");
      assertFalse(m.kind().isEmpty(), m.file() + ": an object without a kind");
      assertFalse(m.name().isEmpty(), m + " has no metadata.name");
      if (m.kind().equals("DaemonSet") || m.kind().equals("ServiceAccount")) {
        assertEquals(namespace, m.body().path("metadata").path("namespace").asText(), m + ": namespace");
      }
    }
  }

  @Test
  void theCsiDriverIsThePluginsDefaultName() {
    JsonNode spec = csiDriver().body().path("spec");
    assertEquals(CsiMain.DEFAULT_NAME, csiDriver().name(), "CSIDriver name vs CsiMain.DEFAULT_NAME");
    assertEquals(false, spec.path("attachRequired").asBoolean(true), "attachRequired: no ControllerPublish");
    assertEquals(true, spec.path("podInfoOnMount").asBoolean(false),
        "podInfoOnMount: without it kubelet sends no csi.storage.k8s.io/ephemeral and inline volumes fail");
    assertEquals(List.of("Persistent", "Ephemeral"), texts(spec.path("volumeLifecycleModes")), "volumeLifecycleModes");
    assertEquals("None", spec.path("fsGroupPolicy").asText(), "fsGroupPolicy: kubelet must not chown a plugin's folder");
  }

  @Test
  void theStorageClassNamesThisDriverAndAPlugin() {
    for (Manifest sc : all("StorageClass")) {
      assertEquals(csiDriver().name(), sc.body().path("provisioner").asText(), sc + ": provisioner");
      assertEquals("WaitForFirstConsumer", sc.body().path("volumeBindingMode").asText(),
          sc + ": each node provisions for its own pods (--node-deployment)");
      JsonNode parameters = sc.body().path("parameters");
      String driver = parameters.path(ControllerService.VOLUMEDRIVER).asText();
      assertFalse(driver.isBlank() || driver.contains("#"),
          sc + ": parameter '" + ControllerService.VOLUMEDRIVER + "' must name a Docker plugin, not '" + driver + "'");
      if (parameters.has(ControllerService.CAPACITY_OPTION)) {
        assertFalse(parameters.path(ControllerService.CAPACITY_OPTION).asText().isBlank(),
            sc + ": '" + ControllerService.CAPACITY_OPTION + "' names the Create option for the size");
      }
    }
    List<String> classes = all("StorageClass").stream().map(Manifest::name).toList();
    for (Manifest pvc : all("PersistentVolumeClaim")) {
      String wanted = pvc.body().path("spec").path("storageClassName").asText();
      assertTrue(classes.contains(wanted), pvc + " asks for StorageClass '" + wanted + "', not one of " + classes);
    }
  }

  @Test
  void theNodeContainersFlagsAreDvdcliCsisAndItsSocketsAreTheHosts() {
    JsonNode node = container(daemonSet(), "dvdcli-csi");
    CsiMain.Settings settings = settings(node);
    assertEquals(csiDriver().name(), settings.name(), "--name (default " + CsiMain.DEFAULT_NAME + ") vs the CSIDriver");
    assertEquals(CsiMain.Mode.all, settings.mode(), "--mode: node and controller (the provisioner sidecar needs both)");
    assertTrue(settings.volumeDriver().isPresent(), "--volumedriver: Probe and ids without '#' need a default plugin");

    Path socket = settings.endpoint().path();
    assertSameOnHost(node, socket.getParent(), "the CSI socket's folder (--endpoint " + socket + ")");
    assertEquals(socket, settings.kubeletEndpoint(), "kubelet dials the --endpoint path as it is on the host");
    Path registration = settings.registrationDir()
        .orElseThrow(() -> new AssertionError("no --registration-dir: kubelet would never find the plugin"));
    assertEquals(Path.of("/var/lib/kubelet/plugins_registry"), registration, "kubelet's plugin registry");
    assertSameOnHost(node, registration.resolve(settings.name() + "-reg.sock"), "the registration socket");
    assertSameOnHost(node, settings.stateDir(), "the state dir (records must outlive the pod)");
    assertSameOnHost(node, Path.of("/run/docker/plugins"), "the Docker plugin sockets (DVDCLI_SOCKETS_DIR)");

    Mount pods = assertSameOnHost(node, Path.of("/var/lib/kubelet/pods/uid/volumes/kubernetes.io~csi/data/mount"),
        "the pods' targets");
    assertEquals("Bidirectional", pods.propagation(), "the pods' folder: bind mounts must reach the host");
    assertTrue(node.path("securityContext").path("privileged").asBoolean(false),
        "dvdcli-csi must be privileged (mounts, Bidirectional propagation)");
  }

  @Test
  void theProvisionerDialsTheSameSocketOnTheSameVolume() {
    JsonNode node = container(daemonSet(), "dvdcli-csi");
    JsonNode provisioner = container(daemonSet(), "csi-provisioner");
    Path socket = settings(node).endpoint().path();
    Map<String, String> flags = goFlags(provisioner);
    assertEquals(socket.toString(), flags.get("csi-address"), "csi-provisioner --csi-address vs dvdcli-csi --endpoint");
    Mount theirs = mountCovering(provisioner, socket);
    Mount ours = mountCovering(node, socket);
    assertEquals(ours.volume(), theirs.volume(), "the socket's folder must be the same pod volume in both containers");
    assertEquals(ours.mountPath(), theirs.mountPath(), "the socket's folder must be mounted at the same path");
    assertEquals("true", flags.get("node-deployment"), "csi-provisioner must run with --node-deployment");
    assertEquals("spec.nodeName", env(provisioner).get("NODE_NAME"), "--node-deployment requires NODE_NAME");
  }

  @Test
  void theProvisionerMayDoWhatItNeeds() {
    String account = daemonSet().body().path("spec").path("template").path("spec").path("serviceAccountName").asText();
    Manifest binding = all("ClusterRoleBinding").stream()
        .filter(b -> texts(b.body().path("subjects"), "name").contains(account)).findFirst()
        .orElseThrow(() -> new AssertionError("no ClusterRoleBinding for service account '" + account + "'"));
    String roleName = binding.body().path("roleRef").path("name").asText();
    Manifest role = all("ClusterRole").stream().filter(r -> r.name().equals(roleName)).findFirst()
        .orElseThrow(() -> new AssertionError(binding + " binds ClusterRole '" + roleName + "', which is missing"));
    Map<String, List<String>> needed = Map.of("persistentvolumes", List.of("create", "delete", "watch"),
        "persistentvolumeclaims", List.of("update", "watch"), "storageclasses", List.of("get", "watch"),
        "events", List.of("create", "patch"), "csinodes", List.of("get", "watch"), "nodes", List.of("get", "watch"));
    needed.forEach((resource, verbs) -> {
      List<String> granted = new ArrayList<>();
      role.body().path("rules").forEach(rule -> {
        if (texts(rule.path("resources")).contains(resource)) {
          granted.addAll(texts(rule.path("verbs")));
        }
      });
      assertTrue(granted.containsAll(verbs), role + ": " + resource + " needs " + verbs + ", has " + granted);
    });
  }

  @Test
  void inlineVolumesNameThisDriverAndAPlugin() {
    int inline = 0;
    for (Manifest pod : all("Pod")) {
      for (JsonNode volume : pod.body().path("spec").path("volumes")) {
        JsonNode csi = volume.path("csi");
        if (!csi.isMissingNode()) {
          inline++;
          assertEquals(csiDriver().name(), csi.path("driver").asText(), pod + ": inline volume's driver");
          assertFalse(csi.path("volumeAttributes").path(NodeService.VOLUMEDRIVER).asText().isBlank(),
              pod + ": the inline volume's attribute '" + NodeService.VOLUMEDRIVER + "' picks the Docker plugin");
        }
      }
    }
    assertTrue(inline > 0, "the example shows no inline (ephemeral) volume");
  }

  // --- helpers

  private static List<Manifest> all(String kind) {
    return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  private static Manifest one(String kind) {
    List<Manifest> found = all(kind);
    assertEquals(1, found.size(), "exactly one " + kind + " expected, found " + found);
    return found.get(0);
  }

  private static Manifest csiDriver() {
    return one("CSIDriver");
  }

  private static Manifest daemonSet() {
    return one("DaemonSet");
  }

  private static JsonNode container(Manifest workload, String name) {
    for (JsonNode c : workload.body().path("spec").path("template").path("spec").path("containers")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    return fail(workload + " has no container '" + name + "'");
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
  }

  private static List<String> args(JsonNode container) {
    return texts(container.path("args"));
  }

  /** Literal values, and the field a fieldRef names. */
  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new HashMap<>();
    for (JsonNode e : container.path("env")) {
      JsonNode ref = e.path("valueFrom").path("fieldRef").path("fieldPath");
      env.put(e.path("name").asText(), ref.isMissingNode() ? e.path("value").asText() : ref.asText());
    }
    return env;
  }

  /** The node container's command line and environment, parsed and checked by CsiMain itself. */
  private static CsiMain.Settings settings(JsonNode container) {
    CsiMain main = new CsiMain(env(container), System.err, new CountDownLatch(1));
    try {
      new CommandLine(main).parseArgs(args(container).toArray(String[]::new));
      return main.settings();
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      return fail("dvdcli-csi refuses the DaemonSet's args " + args(container) + ": " + e.getMessage());
    }
  }

  /** Go-style flags ({@code --name=value}, a bare {@code --name} is true). */
  private static Map<String, String> goFlags(JsonNode container) {
    Map<String, String> flags = new HashMap<>();
    for (String arg : args(container)) {
      assertTrue(arg.startsWith("-"), "not a flag: " + arg);
      String flag = arg.replaceFirst("^--?", "");
      int eq = flag.indexOf('=');
      flags.put(eq < 0 ? flag : flag.substring(0, eq), eq < 0 ? "true" : flag.substring(eq + 1));
    }
    return flags;
  }

  private static List<Mount> mounts(JsonNode container) {
    Map<String, Path> hostPaths = new HashMap<>();
    for (JsonNode v : daemonSet().body().path("spec").path("template").path("spec").path("volumes")) {
      if (v.has("hostPath")) {
        hostPaths.put(v.path("name").asText(), Path.of(v.path("hostPath").path("path").asText()));
      }
    }
    List<Mount> out = new ArrayList<>();
    for (JsonNode m : container.path("volumeMounts")) {
      String volume = m.path("name").asText();
      out.add(new Mount(volume, Path.of(m.path("mountPath").asText()), Optional.ofNullable(hostPaths.get(volume)),
          m.path("mountPropagation").asText("None"), m.path("readOnly").asBoolean(false)));
    }
    return out;
  }

  /** The deepest mount holding {@code path}. */
  private static Mount mountCovering(JsonNode container, Path path) {
    return mounts(container).stream().filter(m -> path.startsWith(m.mountPath()))
        .max(Comparator.comparingInt(m -> m.mountPath().getNameCount()))
        .orElseThrow(() -> new AssertionError("container '" + container.path("name").asText() + "' mounts nothing at "
            + path));
  }

  /** {@code path} is inside a writable hostPath mount whose path is the same inside and out. */
  private static Mount assertSameOnHost(JsonNode container, Path path, String what) {
    Mount m = mountCovering(container, path);
    assertEquals(Optional.of(m.mountPath()), m.hostPath(),
        what + ": '" + m.volume() + "' must be a hostPath mounted at its own path");
    assertFalse(m.readOnly(), what + ": '" + m.volume() + "' must be writable");
    return m;
  }
}
