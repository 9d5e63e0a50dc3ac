package io.dvdcli.csi.bench;

import csi.v1.Csi.GetPluginInfoRequest;
import csi.v1.Csi.NodePublishVolumeRequest;
import csi.v1.Csi.NodeUnpublishVolumeRequest;
import csi.v1.Csi.VolumeCapability;
import csi.v1.Csi.VolumeCapability.AccessMode;
import csi.v1.IdentityGrpc;
import csi.v1.NodeGrpc;
import io.dvdcli.testsupport.peers.UnixHttp;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The CSI server's cost, measured in one run against baselines of the same run (scripts/bench-csi
 * runs it as root; see scripts/BENCHMARK.md):
 *
 * <ul>
 *   <li>NodePublishVolume + NodeUnpublishVolume over the socket, as kubelet calls them, against the
 *       Docker plugin's own Mount + Unmount: made by curl (two processes, as a shell script would),
 *       and made in this JVM on a UNIX socket (the calls alone);
 *   <li>the server's RSS after start and after every 250 cycles (no growth wanted);
 *   <li>time from exec to the first answered call.
 * </ul>
 * Rounds interleave the three so that load on a shared machine hits each alike.
 */
public final class CsiBench {
  private static final String MEDIA = "Accept: application/vnd.docker.plugins.v1.2+json";

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path launcher = Path.of(args[1]);
    Path pluginLauncher = Path.of(args[2]);
    int cycles = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    new CsiBench(root, launcher, pluginLauncher).run(cycles, out);
  }

  private final Path root;
  private final Path launcher;
  private final Path pluginLauncher;

  private CsiBench(Path root, Path launcher, Path pluginLauncher) {
    this.root = root;
    this.launcher = launcher;
    this.pluginLauncher = pluginLauncher;
  }

  private void run(int cycles, Path out) throws Exception {
    Path sockets = Files.createDirectories(root.resolve("sockets"));
    Path pluginSocket = sockets.resolve("ref.sock");
    Process plugin = new ProcessBuilder(pluginLauncher.toString(), "--socket", pluginSocket.toString(),
        "--root", root.resolve("ref").toString())
        .redirectOutput(root.resolve("plugin.out").toFile()).redirectError(root.resolve("plugin.err").toFile()).start();
    await(() -> Files.exists(pluginSocket) && UnixHttp.pluginCall(pluginSocket, "Plugin.Activate", "").status() == 200,
        "the reference plugin");
    check(UnixHttp.pluginCall(pluginSocket, "VolumeDriver.Create", "{\"Name\":\"bench\",\"Opts\":{}}").status());

    Path socket = root.resolve("csi.sock");
    long started = System.nanoTime();
    Process server = new ProcessBuilder(launcher.toString(), "--endpoint", "unix://" + socket,
        "--sockets-dir", sockets.toString(), "--specs-dirs", root.resolve("no-specs").toString(),
        "--state-dir", root.resolve("state").toString(), "--volumedriver", "ref", "--node-id", "bench")
        .redirectErrorStream(true).redirectOutput(root.resolve("server.log").toFile()).start();
    EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
    ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollDomainSocketChannel.class).eventLoopGroup(loop).usePlaintext().build();
    await(() -> {
      if (!server.isAlive()) {
        throw new IllegalStateException("the CSI server exited: " + Files.readString(root.resolve("server.log")));
      }
      if (!Files.exists(socket)) {
        return false;
      }
      IdentityGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
          .getPluginInfo(GetPluginInfoRequest.getDefaultInstance());
      return true;
    }, "the CSI server");
    double startMs = (System.nanoTime() - started) / 1e6;
    long rssAfterStart = rssKiB(server.pid());

    NodeGrpc.NodeBlockingStub node = NodeGrpc.newBlockingStub(channel);
    Path target = Files.createDirectories(root.resolve("pods/p/volumes/kubernetes.io~csi/pv")).resolve("mount");
    NodePublishVolumeRequest publish = NodePublishVolumeRequest.newBuilder().setVolumeId("ref#bench")
        .setTargetPath(target.toString())
        .setVolumeCapability(VolumeCapability.newBuilder().setMount(VolumeCapability.MountVolume.getDefaultInstance())
            .setAccessMode(AccessMode.newBuilder().setMode(AccessMode.Mode.SINGLE_NODE_WRITER)))
        .build();
    NodeUnpublishVolumeRequest unpublish = NodeUnpublishVolumeRequest.newBuilder().setVolumeId("ref#bench")
        .setTargetPath(target.toString()).build();

    for (int i = 0; i < Math.min(100, cycles); i++) { // warm-up, not counted
      node.nodePublishVolume(publish);
      node.nodeUnpublishVolume(unpublish);
    }
    List<Double> csi = new ArrayList<>();
    List<Double> curl = new ArrayList<>();
    List<Double> direct = new ArrayList<>();
    List<String> rss = new ArrayList<>();
    for (int i = 1; i <= cycles; i++) {
      long t = System.nanoTime();
      node.nodePublishVolume(publish);
      node.nodeUnpublishVolume(unpublish);
      csi.add((System.nanoTime() - t) / 1e6);

      t = System.nanoTime();
      check(UnixHttp.pluginCall(pluginSocket, "VolumeDriver.Mount", "{\"Name\":\"bench\",\"ID\":\"direct\"}").status());
      check(UnixHttp.pluginCall(pluginSocket, "VolumeDriver.Unmount", "{\"Name\":\"bench\",\"ID\":\"direct\"}").status());
      direct.add((System.nanoTime() - t) / 1e6);

      if (i % 10 == 0) { // curl costs two process starts: every tenth round is enough samples
        t = System.nanoTime();
        curl(pluginSocket, "VolumeDriver.Mount", "{\"Name\":\"bench\",\"ID\":\"curl\"}");
        curl(pluginSocket, "VolumeDriver.Unmount", "{\"Name\":\"bench\",\"ID\":\"curl\"}");
        curl.add((System.nanoTime() - t) / 1e6);
      }
      if (i % 250 == 0) {
        rss.add(i + " cycles: " + mib(rssKiB(server.pid())));
      }
    }
    String report = String.join("\n",
        "# CSI server benchmark (" + java.time.Instant.now() + ", " + cycles + " cycles, reference plugin on a UNIX socket)",
        "",
        "| what | p50 ms | p99 ms |",
        "| --- | ---: | ---: |",
        row("NodePublishVolume + NodeUnpublishVolume over gRPC (incl. bind mount + umount)", csi),
        row("the plugin's Mount + Unmount, from this JVM", direct),
        row("the plugin's Mount + Unmount, two curl processes", curl),
        "",
        String.format(Locale.ROOT, "Overhead of a publish cycle over the plugin's own calls: p50 %+.2f ms (vs this JVM), %+.2f ms (vs curl); p99 %+.2f / %+.2f ms.",
            pct(csi, 50) - pct(direct, 50), pct(csi, 50) - pct(curl, 50), pct(csi, 99) - pct(direct, 99), pct(csi, 99) - pct(curl, 99)),
        "",
        String.format(Locale.ROOT, "Start to first answered call: %.0f ms. Server RSS after start: %s; %s.", startMs,
            mib(rssAfterStart), String.join("; ", rss)),
        "");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.print(report);
    channel.shutdownNow();
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    server.destroy();
    server.waitFor(20, TimeUnit.SECONDS);
    plugin.destroy();
    plugin.waitFor(20, TimeUnit.SECONDS);
  }

  private static void curl(Path socket, String method, String body) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("curl", "-s", "-f", "--unix-socket", socket.toString(), "-X", "POST", "-H", MEDIA,
        "-d", body, "http://plugin.moby.localhost/" + method).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException("curl " + method + " failed: exit " + p.exitValue());
    }
  }

  private static String row(String what, List<Double> samples) {
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f |", what, pct(samples, 50), pct(samples, 99));
  }

  private static double pct(List<Double> samples, int p) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static long rssKiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }

  private static String mib(long kib) {
    return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
  }

  private static void check(int status) throws IOException {
    if (status != 200) {
      throw new IOException("the plugin answered " + status);
    }
  }

  private interface Probe {
    boolean ready() throws Exception;
  }

  private static void await(Probe probe, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (probe.ready()) {
          return;
        }
      } catch (IllegalStateException gaveUp) {
        throw gaveUp;
      } catch (Exception notYet) {
        // starting
      }
      Thread.sleep(5);
    }
    throw new IOException(what + " did not answer within 60 s");
  }
}
