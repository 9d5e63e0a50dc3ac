package io.dvdcli.csi.node;

import csi.v1.Csi.NodeGetCapabilitiesRequest;
import csi.v1.Csi.NodeGetCapabilitiesResponse;
import csi.v1.Csi.NodeGetInfoRequest;
import csi.v1.Csi.NodeGetInfoResponse;
import csi.v1.Csi.NodeGetVolumeStatsRequest;
import csi.v1.Csi.NodeGetVolumeStatsResponse;
import csi.v1.Csi.NodePublishVolumeRequest;
import csi.v1.Csi.NodePublishVolumeResponse;
import csi.v1.Csi.NodeServiceCapability;
import csi.v1.Csi.NodeUnpublishVolumeRequest;
import csi.v1.Csi.NodeUnpublishVolumeResponse;
import csi.v1.Csi.Topology;
import csi.v1.Csi.VolumeCapability;
import csi.v1.Csi.VolumeCapability.AccessMode;
import csi.v1.NodeGrpc;
import io.dvdcli.csi.state.CsiRecords;
import io.dvdcli.csi.state.InFlight;
import io.dvdcli.csi.volumes.DockerPlugins;
import io.dvdcli.csi.volumes.Statuses;
import io.dvdcli.csi.volumes.VolumeId;
import io.dvdcli.hostmounts.BindMounts;
import io.dvdcli.hostmounts.HostMountException;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import io.dvdcli.records.Digests;
import io.dvdcli.records.RecordFolder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The node side: NodePublishVolume is the plugin's Mount (with an ID per volume and target)
 * followed by a bind mount of its mount point onto the pod's target; NodeUnpublishVolume undoes
 * both. No staging: the plugin's own Mount IDs already count the pods on a node.
 *
 * <p>Order, for crash safety: the record is written before the plugin's Mount and deleted only
 * after the plugin's Unmount, so whatever step a kill -9 interrupts, the next publish or unpublish
 * of that target finds the record and finishes or undoes the work; a target without a record was
 * never mounted by the plugin for us, and nothing of another target's is ever released.
 */
public final class NodeService extends NodeGrpc.NodeImplBase {
  /** Keys kubelet adds to the context; they never become plugin options. */
  static final String KUBERNETES_PREFIX = "csi.storage.k8s.io/";
  static final String EPHEMERAL = KUBERNETES_PREFIX + "ephemeral";
  /** Context key (an inline volume's volumeAttributes) choosing the Docker plugin. */
  public static final String VOLUMEDRIVER = "volumedriver";

  private final String nodeId;
  private final Optional<String> defaultDriver;
  private final DockerPlugins plugins;
  private final RecordFolder<Publication> records;
  private final BindMounts mounts;
  private final Steps steps;
  private final InFlight inFlight = new InFlight();
  private final SpaceProbe space = new SpaceProbe();

  public NodeService(String nodeId, Optional<String> defaultDriver, DockerPlugins plugins, Path stateDir,
      BindMounts mounts, Steps steps) {
    this.nodeId = nodeId;
    this.defaultDriver = defaultDriver;
    this.plugins = plugins;
    this.records = CsiRecords.in(stateDir.resolve("publications"), Publication.class);
    this.mounts = mounts;
    this.steps = steps;
  }

  @Override
  public void nodeGetInfo(NodeGetInfoRequest request, StreamObserver<NodeGetInfoResponse> answer) {
    answer.onNext(NodeGetInfoResponse.newBuilder().setNodeId(nodeId)
        .setAccessibleTopology(Topology.newBuilder().putSegments(VolumeId.TOPOLOGY_KEY, nodeId))
        .build());
    answer.onCompleted();
  }

  /** No staging (the plugin's own Mount IDs count the pods); volume statistics for kubelet. */
  @Override
  public void nodeGetCapabilities(NodeGetCapabilitiesRequest request, StreamObserver<NodeGetCapabilitiesResponse> answer) {
    answer.onNext(NodeGetCapabilitiesResponse.newBuilder()
        .addCapabilities(NodeServiceCapability.newBuilder().setRpc(NodeServiceCapability.RPC.newBuilder()
            .setType(NodeServiceCapability.RPC.Type.GET_VOLUME_STATS)))
        .build());
    answer.onCompleted();
  }

  /**
   * The space of the file system behind a published target, as kubelet shows it for the pod's
   * volume: what the plugin's folder holds (a FUSE remote's own numbers for rclone). Inodes are
   * not given: the JDK does not read them.
   */
  @Override
  public void nodeGetVolumeStats(NodeGetVolumeStatsRequest request, StreamObserver<NodeGetVolumeStatsResponse> answer) {
    require(!request.getVolumeId().isEmpty(), "volume_id is required");
    require(!request.getVolumePath().isEmpty(), "volume_path is required");
    // Any other path that is not one of our publications is NOT_FOUND (csi-sanity asks with a
    // relative one), not a malformed request.
    Path asked = Path.of(request.getVolumePath());
    String path = asked.isAbsolute() ? asked.normalize().toString() : "";
    Optional<Publication> record = path.isEmpty() ? Optional.empty() : find(path);
    if (record.isEmpty() || !record.get().volumeId().equals(request.getVolumeId()) || !isMountPoint(path)) {
      throw Status.NOT_FOUND.withDescription("volume '" + request.getVolumeId() + "' is not published at '"
          + request.getVolumePath() + "'")
          .asRuntimeException();
    }
    try {
      answer.onNext(NodeGetVolumeStatsResponse.newBuilder().addUsage(space.bytes(Path.of(path))).build());
      answer.onCompleted();
    } catch (IOException e) {
      throw Statuses.internal("cannot read the space of '" + path + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void nodePublishVolume(NodePublishVolumeRequest request, StreamObserver<NodePublishVolumeResponse> answer) {
    Publication wanted = wanted(request);
    try (InFlight.Claim claim = inFlight.claim(wanted.target(), "target '" + wanted.target() + "'")) {
      publish(wanted, request.getVolumeContextMap());
    }
    answer.onNext(NodePublishVolumeResponse.getDefaultInstance());
    answer.onCompleted();
  }

  @Override
  public void nodeUnpublishVolume(NodeUnpublishVolumeRequest request, StreamObserver<NodeUnpublishVolumeResponse> answer) {
    require(!request.getVolumeId().isEmpty(), "volume_id is required");
    String target = absoluteTarget(request.getTargetPath());
    try (InFlight.Claim claim = inFlight.claim(target, "target '" + target + "'")) {
      unpublish(request.getVolumeId(), target);
    }
    answer.onNext(NodeUnpublishVolumeResponse.getDefaultInstance());
    answer.onCompleted();
  }

  private Publication wanted(NodePublishVolumeRequest request) {
    require(!request.getVolumeId().isEmpty(), "volume_id is required");
    String target = absoluteTarget(request.getTargetPath());
    require(request.hasVolumeCapability(), "volume_capability is required");
    VolumeCapability capability = request.getVolumeCapability();
    require(!capability.hasBlock(), "block access is not supported: a Docker volume is a folder");
    Map<String, String> context = request.getVolumeContextMap();
    boolean ephemeral = "true".equals(context.get(EPHEMERAL));
    VolumeId id;
    try {
      id = ephemeral
          ? new VolumeId(Optional.ofNullable(context.get(VOLUMEDRIVER)).or(() -> defaultDriver).orElseThrow(() ->
              new IllegalArgumentException("the inline volume names no '" + VOLUMEDRIVER
                  + "' and the server has no --volumedriver")), request.getVolumeId())
          : VolumeId.parse(request.getVolumeId(), defaultDriver);
    } catch (IllegalArgumentException e) {
      throw Statuses.invalid(e.getMessage());
    }
    AccessMode.Mode mode = capability.getAccessMode().getMode();
    boolean readOnly = request.getReadonly() || mode == AccessMode.Mode.SINGLE_NODE_READER_ONLY
        || mode == AccessMode.Mode.MULTI_NODE_READER_ONLY;
    String arguments = "volume=" + request.getVolumeId() + " readonly=" + readOnly + " mode=" + mode
        + " fs=" + capability.getMount().getFsType() + " flags=" + capability.getMount().getMountFlagsList()
        + " ephemeral=" + ephemeral + (ephemeral ? " options=" + Digests.sha256Hex(pluginOptions(context).toString()) : "");
    return new Publication(request.getVolumeId(), id.driver(), id.volume(), target,
        Publication.mountIdFor(request.getVolumeId(), target), readOnly, ephemeral, arguments, false);
  }

  private void publish(Publication wanted, Map<String, String> context) {
    String target = wanted.target();
    String what = "volume '" + wanted.volume() + "' of plugin '" + wanted.driver() + "' at '" + target + "'";
    Optional<Publication> earlier = find(target);
    if (earlier.isPresent() && !earlier.get().arguments().equals(wanted.arguments())) {
      throw Status.ALREADY_EXISTS.withDescription("target '" + target + "' is already published with other arguments ("
          + earlier.get().arguments() + "); unpublish it first").asRuntimeException();
    }
    if (isMountPoint(target)) {
      if (earlier.isEmpty()) {
        throw Status.ALREADY_EXISTS.withDescription("target '" + target
            + "' is already a mount point, not made by this plugin").asRuntimeException();
      }
      if (!earlier.get().bound()) { // killed between the bind mount and this record
        save(earlier.get().asBound());
      }
      return;
    }
    try (DockerPlugins.Plugin plugin = plugins.connectFor(wanted.driver(), "publish " + what)) {
      mountAndBind(plugin, wanted, earlier.isPresent(), context, what);
    }
  }

  private void mountAndBind(DockerPlugins.Plugin plugin, Publication wanted, boolean interrupted,
      Map<String, String> context, String what) {
    String target = wanted.target();
    if (interrupted) {
      // A publish that was cut off: start again from nothing, since some plugins (rclone) refuse
      // a second Mount with an ID they already hold, and others count it twice.
      try {
        plugin.volumes().unmount(wanted.volume(), wanted.mountId());
      } catch (PluginException e) {
        throw plugins.failure("publish " + what + " (undoing an earlier, interrupted publish)", wanted.driver(), e);
      }
    }
    save(wanted);
    steps.reached("publish:after-record");
    String source;
    try {
      source = plugin.volumes().mount(wanted.volume(), wanted.ephemeral() ? pluginOptions(context) : Map.of(),
          !wanted.ephemeral(), wanted.mountId());
    } catch (PluginException e) {
      if (e.kind() == Kind.REFUSED || e.kind() == Kind.NOT_IMPLEMENTED || e.kind() == Kind.NO_SUCH_VOLUME) {
        delete(target); // the plugin took nothing
      }
      throw plugins.failure("publish " + what, wanted.driver(), e);
    }
    steps.reached("publish:after-plugin-mount");
    try {
      Files.createDirectories(Path.of(target));
      mounts.bind(source, target, wanted.readOnly());
    } catch (IOException e) {
      String undone = release(plugin, wanted);
      throw Statuses.internal("publish " + what + ": " + e.getMessage() + undone, e);
    }
    steps.reached("publish:after-bind");
    save(wanted.asBound());
  }

  private void unpublish(String volumeId, String target) {
    Optional<Publication> record = find(target);
    if (record.isPresent() && !record.get().volumeId().equals(volumeId)) {
      throw Status.NOT_FOUND.withDescription("target '" + target + "' holds volume '" + record.get().volumeId()
          + "', not '" + volumeId + "'").asRuntimeException();
    }
    if (isMountPoint(target)) {
      try {
        mounts.unbind(target);
      } catch (HostMountException e) {
        throw Statuses.internal(e.getMessage(), e);
      }
    }
    steps.reached("unpublish:after-unbind");
    if (record.isPresent()) {
      Publication p = record.get();
      String what = "volume '" + p.volume() + "' of plugin '" + p.driver() + "' from '" + target + "'";
      try (DockerPlugins.Plugin plugin = plugins.connectFor(p.driver(), "unpublish " + what)) {
        plugin.volumes().unmount(p.volume(), p.mountId());
        steps.reached("unpublish:after-plugin-unmount");
        if (p.ephemeral()) {
          plugin.volumes().removeIfPresent(p.volume());
        }
      } catch (PluginException e) {
        throw plugins.failure("unpublish " + what, p.driver(), e);
      }
    }
    removeFolder(target);
    delete(target);
  }

  /** The plugin's Mount is undone after a failed bind; the words say how that went. */
  private String release(DockerPlugins.Plugin plugin, Publication p) {
    try {
      plugin.volumes().unmount(p.volume(), p.mountId());
      if (p.ephemeral()) {
        plugin.volumes().removeIfPresent(p.volume());
      }
      delete(p.target());
      return " (the plugin's mount was released)";
    } catch (PluginException | RuntimeException e) {
      return " (releasing the plugin's mount failed too, the next unpublish retries it: " + e.getMessage() + ")";
    }
  }

  private static void removeFolder(String target) {
    try {
      Files.deleteIfExists(Path.of(target));
    } catch (DirectoryNotEmptyException e) {
      throw Status.FAILED_PRECONDITION.withDescription("target '" + target
          + "' is not a mount point but is not empty; it was left in place").asRuntimeException();
    } catch (IOException e) {
      throw Statuses.internal("cannot remove target '" + target + "': " + e.getMessage(), e);
    }
  }

  /** An inline volume's attributes are its Create options, less kubelet's own keys and ours. */
  static Map<String, String> pluginOptions(Map<String, String> context) {
    Map<String, String> options = new TreeMap<>();
    context.forEach((k, v) -> {
      if (!k.startsWith(KUBERNETES_PREFIX) && !k.equals(VOLUMEDRIVER)) {
        options.put(k, v);
      }
    });
    return options;
  }



  private boolean isMountPoint(String target) {
    try {
      return mounts.isMountPoint(target);
    } catch (HostMountException e) {
      throw Statuses.internal(e.getMessage(), e);
    }
  }

  private Optional<Publication> find(String target) {
    try {
      return records.find(target);
    } catch (IOException e) {
      throw Statuses.internal("cannot read the publication record of '" + target + "' in " + records.folder() + ": "
          + e.getMessage(), e);
    }
  }

  private void save(Publication p) {
    try {
      records.save(p.target(), p);
    } catch (IOException e) {
      throw Statuses.internal("cannot record the publication of '" + p.target() + "' in " + records.folder() + ": "
          + e.getMessage(), e);
    }
  }

  private void delete(String target) {
    try {
      records.delete(target);
    } catch (IOException e) {
      throw Statuses.internal("cannot delete the publication record of '" + target + "' in " + records.folder()
          + ": " + e.getMessage(), e);
    }
  }

  private static String absoluteTarget(String path) {
    require(!path.isEmpty(), "target_path is required");
    Path p = Path.of(path);
    require(p.isAbsolute(), "target_path must be absolute, not '" + path + "'");
    return p.normalize().toString();
  }

  private static void require(boolean condition, String description) {
    if (!condition) {
      throw Statuses.invalid(description);
    }
  }
}
