package io.dvdcli.csi;

import io.dvdcli.cli.DiscoveryFlags;
import io.dvdcli.cli.ProjectVersion;
import io.dvdcli.cli.UsageException;
import io.dvdcli.csi.controller.ControllerService;
import io.dvdcli.csi.identity.IdentityService;
import io.dvdcli.csi.identity.RegistrationService;
import io.dvdcli.csi.node.NodeService;
import io.dvdcli.csi.node.Steps;
import io.dvdcli.csi.server.CallLog;
import io.dvdcli.csi.server.CsiServer;
import io.dvdcli.csi.server.UnixEndpoint;
import io.dvdcli.csi.volumes.DockerPlugins;
import io.dvdcli.hostmounts.BindMounts;
import io.dvdcli.log.Diagnostics;
import io.dvdcli.volume.VolumePlugins;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dvdcli-csi}: a long-running CSI plugin (Identity, Node, Controller) that serves the
 * volumes of any Docker volume plugin to Kubernetes, plus kubelet's registration socket. Every
 * flag has an environment variable, as is usual for a DaemonSet's container.
 */
@Command(name = "dvdcli-csi", mixinStandardHelpOptions = true, versionProvider = CsiMain.Version.class,
    description = "Serve any Docker volume plugin's volumes to Kubernetes over CSI.")
public final class CsiMain implements Callable<Integer> {
  /** The CSIDriver object's name unless --name says otherwise. */
  public static final String DEFAULT_NAME = "csi.dvdcli.io";
  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/dvdcli/csi");
  /** Running calls get this long to finish on SIGTERM (Kubernetes' own grace period is 30 s). */
  private static final long SHUTDOWN_BOUND_SECONDS = 15;
  /** DNS-1123 subdomain, at most 63 characters (the CSI spec's rule for the plugin name). */
  private static final Pattern NAME = Pattern.compile("[a-z0-9A-Z]([-a-z0-9A-Z.]{0,61}[a-z0-9A-Z])?");

  public enum Mode { all, node, controller }

  @Option(names = "--endpoint", paramLabel = "unix:///PATH",
      description = "The CSI socket (env CSI_ENDPOINT).")
  String endpoint;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Plugin name, the same as the CSIDriver object's (env DVDCLI_CSI_NAME; default " + DEFAULT_NAME + ").")
  String name;

  @Option(names = "--node-id", paramLabel = "ID",
      description = "This node's id for NodeGetInfo (env NODE_ID; default the host name).")
  String nodeId;

  @Option(names = "--volumedriver", paramLabel = "PLUGIN",
      description = "Docker plugin for volumes that name none (env DVDCLI_CSI_VOLUMEDRIVER).")
  String volumeDriver;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "Services to run: all, node or controller (env DVDCLI_CSI_MODE; default all).")
  Mode mode;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Records of publications and created volumes (env DVDCLI_CSI_STATE_DIR; default /var/lib/dvdcli/csi).")
  Path stateDir;

  @Option(names = "--registration-dir", paramLabel = "DIR",
      description = "kubelet's plugin registry (e.g. /var/lib/kubelet/plugins_registry): register there, no sidecar "
          + "needed (env DVDCLI_CSI_REGISTRATION_DIR).")
  Path registrationDir;

  @Option(names = "--kubelet-endpoint", paramLabel = "PATH",
      description = "The CSI socket's path on the host, as kubelet dials it (env DVDCLI_CSI_KUBELET_ENDPOINT; "
          + "default the --endpoint path).")
  Path kubeletEndpoint;

  @Option(names = "--plugin-concurrency", paramLabel = "N",
      description = "CSI calls that may use one Docker plugin at once; the rest wait their turn (env "
          + "DVDCLI_CSI_PLUGIN_CONCURRENCY; default 1: rclone's plugin hangs with three Mounts at once).")
  Integer pluginConcurrency;

  @Mixin
  DiscoveryFlags discovery = new DiscoveryFlags();

  private final Map<String, String> env;
  private final PrintStream err;
  private final CountDownLatch stopped;

  CsiMain(Map<String, String> env, PrintStream err, CountDownLatch stopped) {
    this.env = env;
    this.err = err;
    this.stopped = stopped;
  }

  /**
   * SIGTERM (how Kubernetes stops a pod) runs the shutdown hooks and then halts the JVM with 143,
   * even while main is still closing the server: the sockets would stay behind, and a stale
   * registration socket points kubelet at a plugin that is gone. So the hook tells main to stop,
   * waits (bounded) until it has cleaned up, and ends the JVM with main's own exit code.
   */
  public static void main(String[] args) {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicInteger code = new AtomicInteger(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      try {
        if (finished.await(SHUTDOWN_BOUND_SECONDS, TimeUnit.SECONDS)) {
          Runtime.getRuntime().halt(code.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "csi-shutdown"));
    code.set(run(args, System.getenv(), System.err, stopped));
    finished.countDown();
    System.exit(code.get());
  }

  /** Runs until {@code stopped} counts down; the exit code. Bad input: one line on stderr, 2. */
  static int run(String[] args, Map<String, String> env, PrintStream err, CountDownLatch stopped) {
    CommandLine cli = new CommandLine(new CsiMain(env, err, stopped));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, argv) -> {
      err.println("dvdcli-csi: " + e.getMessage());
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof UsageException) {
        err.println("dvdcli-csi: " + e.getMessage());
        return 2;
      }
      err.println("dvdcli-csi: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Settings settings = settings();
    VolumePlugins volumePlugins = discovery.plugins(env, err);
    Diagnostics diagnostics = volumePlugins.log();
    boolean verbose = diagnostics.debugEnabled();
    DockerPlugins plugins = new DockerPlugins(volumePlugins, settings.pluginConcurrency());
    CallLog log = new CallLog(err, !verbose);
    List<ServerServiceDefinition> services = new ArrayList<>();
    boolean controller = settings.mode() != Mode.node;
    services.add(new IdentityService(settings.name(), version(), controller, settings.volumeDriver(), plugins).bindService());
    if (settings.mode() != Mode.controller) {
      services.add(new NodeService(settings.nodeId(), settings.volumeDriver(), plugins, settings.stateDir(),
          BindMounts.ofThisHost(), Steps.fromEnvironment(env)).bindService());
    }
    if (controller) {
      services.add(new ControllerService(settings.nodeId(), settings.volumeDriver(), plugins, settings.stateDir()).bindService());
    }
    nativeLibraryFolder(settings.stateDir());
    try (CsiServer server = new CsiServer()) {
      server.serve(settings.endpoint().path(), log, services);
      if (settings.registrationDir().isPresent()) {
        Path socket = settings.registrationDir().get().resolve(settings.name() + "-reg.sock");
        server.serve(socket, log, List.of(RegistrationService.definition(settings.name(),
            settings.kubeletEndpoint().toString(), err)));
        err.println("dvdcli-csi: registering with kubelet through " + socket);
      }
      err.println("dvdcli-csi: " + settings.name() + " " + version() + " serving " + settings.mode() + " on "
          + settings.endpoint() + " (node " + settings.nodeId() + ", default plugin "
          + settings.volumeDriver().orElse("none") + ", state in " + settings.stateDir() + ")");
      stopped.await();
      err.println("dvdcli-csi: stopping");
    }
    return 0;
  }

  /**
   * Netty unpacks its epoll library to a file and loads it from there, by default in /tmp; a
   * hardened node mounts /tmp noexec, and the load then fails. The state folder is ours, on the
   * host, and must be writable anyway; an operator's own -D setting wins.
   */
  private static void nativeLibraryFolder(Path stateDir) throws IOException {
    String property = "io.grpc.netty.shaded.io.netty.native.workdir";
    if (System.getProperty(property) == null) {
      Path folder = stateDir.resolve("native");
      Files.createDirectories(folder);
      System.setProperty(property, folder.toString());
    }
  }

  /** The flags and their environment variables, checked. */
  record Settings(UnixEndpoint endpoint, String name, String nodeId, Optional<String> volumeDriver, Mode mode,
      Path stateDir, Optional<Path> registrationDir, Path kubeletEndpoint, int pluginConcurrency) {}

  Settings settings() {
    String endpointText = endpoint != null ? endpoint : env.get("CSI_ENDPOINT");
    if (endpointText == null || endpointText.isBlank()) {
      throw new IllegalArgumentException("no endpoint: give --endpoint unix:///path/csi.sock or CSI_ENDPOINT");
    }
    UnixEndpoint at = UnixEndpoint.parse(endpointText);
    String pluginName = first(name, env.get("DVDCLI_CSI_NAME")).orElse(DEFAULT_NAME);
    if (!NAME.matcher(pluginName).matches()) {
      throw new IllegalArgumentException("--name '" + pluginName
          + "' must be at most 63 letters, digits, '-' and '.', beginning and ending with a letter or digit");
    }
    String node = first(nodeId, env.get("NODE_ID")).orElseGet(CsiMain::hostName);
    Optional<String> driver = first(volumeDriver, env.get("DVDCLI_CSI_VOLUMEDRIVER"));
    if (driver.isPresent() && driver.get().indexOf('#') >= 0) {
      throw new IllegalArgumentException("--volumedriver '" + driver.get() + "' cannot hold '#'");
    }
    Mode m = mode;
    if (m == null) {
      String fromEnv = env.getOrDefault("DVDCLI_CSI_MODE", "all");
      try {
        m = Mode.valueOf(fromEnv);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("DVDCLI_CSI_MODE='" + fromEnv + "' must be all, node or controller");
      }
    }
    Path state = stateDir != null ? stateDir : first(null, env.get("DVDCLI_CSI_STATE_DIR")).map(Path::of)
        .orElse(DEFAULT_STATE_DIR);
    Optional<Path> registration = Optional.ofNullable(registrationDir)
        .or(() -> first(null, env.get("DVDCLI_CSI_REGISTRATION_DIR")).map(Path::of));
    Path kubelet = kubeletEndpoint != null ? kubeletEndpoint
        : first(null, env.get("DVDCLI_CSI_KUBELET_ENDPOINT")).map(Path::of).orElse(at.path());
    return new Settings(at, pluginName, node, driver, m, state.toAbsolutePath(), registration, kubelet,
        concurrency());
  }

  private int concurrency() {
    if (pluginConcurrency != null) {
      return checkedConcurrency(pluginConcurrency, "--plugin-concurrency");
    }
    String fromEnv = env.get("DVDCLI_CSI_PLUGIN_CONCURRENCY");
    if (fromEnv == null || fromEnv.isBlank()) {
      return 1;
    }
    try {
      return checkedConcurrency(Integer.parseInt(fromEnv.trim()), "DVDCLI_CSI_PLUGIN_CONCURRENCY");
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("DVDCLI_CSI_PLUGIN_CONCURRENCY='" + fromEnv + "' is not a number");
    }
  }

  private static int checkedConcurrency(int n, String where) {
    if (n < 1 || n > 1024) {
      throw new IllegalArgumentException(where + " must be between 1 and 1024, not " + n);
    }
    return n;
  }

  private static Optional<String> first(String flag, String fromEnv) {
    if (flag != null && !flag.isBlank()) {
      return Optional.of(flag.trim());
    }
    return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.trim());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      throw new IllegalArgumentException("no --node-id and the host name cannot be read: " + e.getMessage());
    }
  }

  static String version() {
    return ProjectVersion.get();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"dvdcli-csi " + version()};
    }
  }
}
