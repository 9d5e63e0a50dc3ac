package io.dvdcli.csi.controller;

import csi.v1.ControllerGrpc;
import csi.v1.Csi.ControllerGetCapabilitiesRequest;
import csi.v1.Csi.ControllerGetCapabilitiesResponse;
import csi.v1.Csi.ControllerServiceCapability;
import csi.v1.Csi.CreateVolumeRequest;
import csi.v1.Csi.CreateVolumeResponse;
import csi.v1.Csi.DeleteVolumeRequest;
import csi.v1.Csi.DeleteVolumeResponse;
import csi.v1.Csi.ListVolumesRequest;
import csi.v1.Csi.ListVolumesResponse;
import csi.v1.Csi.Topology;
import csi.v1.Csi.ValidateVolumeCapabilitiesRequest;
import csi.v1.Csi.ValidateVolumeCapabilitiesResponse;
import csi.v1.Csi.Volume;
import csi.v1.Csi.VolumeCapability;
import csi.v1.Csi.VolumeCapability.AccessMode;
import io.dvdcli.csi.state.CsiRecords;
import io.dvdcli.csi.state.InFlight;
import io.dvdcli.csi.volumes.DockerPlugins;
import io.dvdcli.csi.volumes.Statuses;
import io.dvdcli.csi.volumes.VolumeId;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.records.Digests;
import io.dvdcli.records.RecordFolder;
import io.dvdcli.volume.Scope;
import io.dvdcli.volume.VolumeLookup;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Provisioning: CreateVolume is the plugin's Create, DeleteVolume its Remove, ListVolumes its List.
 * StorageClass parameters: {@code volumedriver} picks the Docker plugin (default: the server's
 * {@code --volumedriver}); {@code capacityoption}, when set, names the Create option that carries
 * the requested capacity in bytes (most plugins refuse options they do not know, so by default the
 * capacity is only remembered); every other parameter is a Create option, except the keys that
 * external-provisioner adds ({@code csi.storage.k8s.io/...}).
 */
public final class ControllerService extends ControllerGrpc.ControllerImplBase {
  public static final String VOLUMEDRIVER = "volumedriver";
  public static final String CAPACITY_OPTION = "capacityoption";
  static final String KUBERNETES_PREFIX = "csi.storage.k8s.io/";
  private static final int DIGEST_CHARS = 16;
  private static final int MIN_NAME_START = 8;

  private final String nodeId;
  private final Optional<String> defaultDriver;
  private final DockerPlugins plugins;
  private final RecordFolder<CreatedVolume> records;
  private final InFlight inFlight = new InFlight();

  public ControllerService(String nodeId, Optional<String> defaultDriver, DockerPlugins plugins, Path stateDir) {
    this.nodeId = nodeId;
    this.defaultDriver = defaultDriver;
    this.plugins = plugins;
    this.records = CsiRecords.in(stateDir.resolve("volumes"), CreatedVolume.class);
  }

  @Override
  public void controllerGetCapabilities(ControllerGetCapabilitiesRequest request,
      StreamObserver<ControllerGetCapabilitiesResponse> answer) {
    ControllerGetCapabilitiesResponse.Builder out = ControllerGetCapabilitiesResponse.newBuilder();
    for (ControllerServiceCapability.RPC.Type type : List.of(ControllerServiceCapability.RPC.Type.CREATE_DELETE_VOLUME,
        ControllerServiceCapability.RPC.Type.LIST_VOLUMES)) {
      out.addCapabilities(ControllerServiceCapability.newBuilder()
          .setRpc(ControllerServiceCapability.RPC.newBuilder().setType(type)));
    }
    answer.onNext(out.build());
    answer.onCompleted();
  }

  @Override
  public void createVolume(CreateVolumeRequest request, StreamObserver<CreateVolumeResponse> answer) {
    require(!request.getName().isEmpty(), "name is required");
    require(request.getVolumeCapabilitiesCount() > 0, "volume_capabilities are required");
    for (VolumeCapability c : request.getVolumeCapabilitiesList()) {
      require(!c.hasBlock(), "block access is not supported: a Docker volume is a folder");
    }
    require(!request.hasVolumeContentSource(), "creating a volume from a snapshot or another volume is not supported");
    long required = request.getCapacityRange().getRequiredBytes();
    long limit = request.getCapacityRange().getLimitBytes();
    if (required < 0 || limit < 0 || (limit > 0 && required > limit)) {
      throw Status.OUT_OF_RANGE.withDescription("capacity_range: required_bytes " + required + " and limit_bytes "
          + limit + " cannot both be met").asRuntimeException();
    }
    long capacity = required > 0 ? required : limit;
    Map<String, String> parameters = request.getParametersMap();
    String driver = Optional.ofNullable(parameters.get(VOLUMEDRIVER)).filter(d -> !d.isBlank()).or(() -> defaultDriver)
        .orElseThrow(() -> Statuses.invalid("no Docker plugin: set the StorageClass parameter '" + VOLUMEDRIVER
            + "' or the server's --volumedriver"));
    VolumeId id = volumeId(driver, request.getName());
    String parametersDigest = Digests.sha256Hex(new TreeMap<>(parameters).toString());
    CreatedVolume wanted = new CreatedVolume(id.encode(), driver, id.volume(), capacity, parametersDigest);
    Scope scope;
    try (InFlight.Claim claim = inFlight.claim(id.encode(), "volume '" + id.encode() + "'")) {
      scope = create(wanted, createOptions(parameters, capacity), request);
    }
    Volume.Builder volume = Volume.newBuilder().setVolumeId(id.encode()).setCapacityBytes(capacity);
    if (scope == Scope.LOCAL) {
      volume.addAccessibleTopology(here());
    }
    answer.onNext(CreateVolumeResponse.newBuilder().setVolume(volume).build());
    answer.onCompleted();
  }

  /** This node's topology segment: where a local-scope plugin's volume lives. */
  private Topology here() {
    return Topology.newBuilder().putSegments(VolumeId.TOPOLOGY_KEY, nodeId).build();
  }

  /**
   * Creates the volume unless it is there; the plugin's scope, which decides where it is
   * accessible. A local-scope plugin makes volumes on this node only, so a requisite topology
   * without this node cannot be met (RESOURCE_EXHAUSTED, as the spec asks), and neither can an
   * access mode across nodes.
   */
  private Scope create(CreatedVolume wanted, Map<String, String> options, CreateVolumeRequest request) {
    Optional<CreatedVolume> earlier = find(wanted.volumeId());
    if (earlier.isPresent() && earlier.get().capacityBytes() != wanted.capacityBytes()) {
      throw Status.ALREADY_EXISTS.withDescription("volume '" + wanted.volume() + "' exists with capacity "
          + earlier.get().capacityBytes() + " bytes, not " + wanted.capacityBytes()).asRuntimeException();
    }
    if (earlier.isPresent() && !earlier.get().parameters().equals(wanted.parameters())) {
      throw Status.ALREADY_EXISTS.withDescription("volume '" + wanted.volume()
          + "' exists with other parameters").asRuntimeException();
    }
    String doing = "create volume '" + wanted.volume() + "' with plugin '" + wanted.driver() + "'";
    Scope scope;
    try (DockerPlugins.Plugin plugin = plugins.connectFor(wanted.driver(), doing)) {
      scope = plugin.driver().capabilities();
      checkPlacement(scope, request);
      if (!(plugin.driver().get(wanted.volume()) instanceof VolumeLookup.Found)) {
        plugin.driver().create(wanted.volume(), options);
      }
    } catch (PluginException e) {
      throw plugins.failure(doing, wanted.driver(), e);
    }
    save(wanted);
    return scope;
  }

  private void checkPlacement(Scope scope, CreateVolumeRequest request) {
    Optional<String> refusal = unsupported(request.getVolumeCapabilitiesList(), scope);
    if (refusal.isPresent()) {
      throw Statuses.invalid(refusal.get());
    }
    List<Topology> requisite = request.getAccessibilityRequirements().getRequisiteList();
    if (scope == Scope.LOCAL && !requisite.isEmpty() && requisite.stream().noneMatch(t ->
        nodeId.equals(t.getSegmentsMap().get(VolumeId.TOPOLOGY_KEY)))) {
      throw Status.RESOURCE_EXHAUSTED.withDescription("the volume would live on node '" + nodeId
          + "', which is not among the requisite topologies " + requisite.stream()
              .map(t -> t.getSegmentsMap().toString()).toList()).asRuntimeException();
    }
  }

  static Map<String, String> createOptions(Map<String, String> parameters, long capacity) {
    Map<String, String> options = new TreeMap<>();
    parameters.forEach((k, v) -> {
      if (!k.equals(VOLUMEDRIVER) && !k.equals(CAPACITY_OPTION) && !k.startsWith(KUBERNETES_PREFIX)) {
        options.put(k, v);
      }
    });
    String capacityOption = parameters.getOrDefault(CAPACITY_OPTION, "");
    if (!capacityOption.isBlank() && capacity > 0) {
      options.put(capacityOption, Long.toString(capacity));
    }
    return options;
  }

  @Override
  public void deleteVolume(DeleteVolumeRequest request, StreamObserver<DeleteVolumeResponse> answer) {
    require(!request.getVolumeId().isEmpty(), "volume_id is required");
    Optional<VolumeId> parsed = parseForDelete(request.getVolumeId());
    if (parsed.isEmpty()) { // an id no plugin of ours could have made: nothing to delete
      answer.onNext(DeleteVolumeResponse.getDefaultInstance());
      answer.onCompleted();
      return;
    }
    VolumeId id = parsed.get();
    try (InFlight.Claim claim = inFlight.claim(id.encode(), "volume '" + id.encode() + "'")) {
      String doing = "delete volume '" + id.volume() + "' of plugin '" + id.driver() + "'";
      try (DockerPlugins.Plugin plugin = plugins.connectFor(id.driver(), doing)) {
        plugin.volumes().removeIfPresent(id.volume());
      } catch (PluginException e) {
        throw plugins.failure(doing, id.driver(), e);
      }
      try {
        records.delete(id.encode());
      } catch (IOException e) {
        throw Statuses.internal("cannot delete the record of volume '" + id.encode() + "': " + e.getMessage(), e);
      }
    }
    answer.onNext(DeleteVolumeResponse.getDefaultInstance());
    answer.onCompleted();
  }

  @Override
  public void validateVolumeCapabilities(ValidateVolumeCapabilitiesRequest request,
      StreamObserver<ValidateVolumeCapabilitiesResponse> answer) {
    require(!request.getVolumeId().isEmpty(), "volume_id is required");
    require(request.getVolumeCapabilitiesCount() > 0, "volume_capabilities are required");
    VolumeId id = parse(request.getVolumeId());
    String doing = "validate volume '" + id.volume() + "' of plugin '" + id.driver() + "'";
    Scope scope;
    try (DockerPlugins.Plugin plugin = plugins.connectFor(id.driver(), doing)) {
      VolumeLookup lookup = plugin.driver().get(id.volume());
      if (lookup instanceof VolumeLookup.Missing missing) {
        throw Status.NOT_FOUND.withDescription(doing + ": " + missing.reason()).asRuntimeException();
      }
      scope = plugin.driver().capabilities();
    } catch (PluginException e) {
      throw plugins.failure(doing, id.driver(), e);
    }
    ValidateVolumeCapabilitiesResponse.Builder out = ValidateVolumeCapabilitiesResponse.newBuilder();
    Optional<String> refusal = unsupported(request.getVolumeCapabilitiesList(), scope);
    if (refusal.isPresent()) {
      out.setMessage(refusal.get());
    } else {
      out.setConfirmed(ValidateVolumeCapabilitiesResponse.Confirmed.newBuilder()
          .addAllVolumeCapabilities(request.getVolumeCapabilitiesList())
          .putAllVolumeContext(request.getVolumeContextMap())
          .putAllParameters(request.getParametersMap()));
    }
    answer.onNext(out.build());
    answer.onCompleted();
  }

  /**
   * A Docker volume is a folder, so only mount access; and a plugin of {@code local} scope (its
   * volumes live on one host, Docker's default) cannot offer one volume to several nodes.
   */
  static Optional<String> unsupported(List<VolumeCapability> capabilities, Scope scope) {
    for (VolumeCapability c : capabilities) {
      if (c.hasBlock()) {
        return Optional.of("block access is not supported: a Docker volume is a folder");
      }
      AccessMode.Mode mode = c.getAccessMode().getMode();
      boolean multiNode = mode == AccessMode.Mode.MULTI_NODE_READER_ONLY || mode == AccessMode.Mode.MULTI_NODE_SINGLE_WRITER
          || mode == AccessMode.Mode.MULTI_NODE_MULTI_WRITER;
      if (multiNode && scope != Scope.GLOBAL) {
        return Optional.of("access mode " + mode + " needs a plugin of global scope; this one is " + scope);
      }
      if (mode == AccessMode.Mode.UNKNOWN || mode == AccessMode.Mode.UNRECOGNIZED) {
        return Optional.of("access mode " + mode + " is not supported");
      }
    }
    return Optional.empty();
  }

  @Override
  public void listVolumes(ListVolumesRequest request, StreamObserver<ListVolumesResponse> answer) {
    require(request.getMaxEntries() >= 0, "max_entries must not be negative");
    int start = 0;
    if (!request.getStartingToken().isEmpty()) {
      try {
        start = Integer.parseInt(request.getStartingToken());
      } catch (NumberFormatException e) {
        start = -1;
      }
      if (start < 0) {
        throw Status.ABORTED.withDescription("starting_token '" + request.getStartingToken() + "' is not one this plugin gave")
            .asRuntimeException();
      }
    }
    List<Volume> all = allVolumes();
    if (start > all.size()) {
      throw Status.ABORTED.withDescription("starting_token '" + start + "' is past the " + all.size() + " volumes")
          .asRuntimeException();
    }
    int end = request.getMaxEntries() == 0 ? all.size() : Math.min(all.size(), start + request.getMaxEntries());
    ListVolumesResponse.Builder out = ListVolumesResponse.newBuilder();
    for (Volume v : all.subList(start, end)) {
      out.addEntries(ListVolumesResponse.Entry.newBuilder().setVolume(v));
    }
    if (end < all.size()) {
      out.setNextToken(Integer.toString(end));
    }
    answer.onNext(out.build());
    answer.onCompleted();
  }

  /** Every volume of the default plugin and of the plugins CreateVolume used, sorted by id. */
  private List<Volume> allVolumes() {
    Map<String, Long> capacities = new HashMap<>();
    Set<String> drivers = new TreeSet<>();
    defaultDriver.ifPresent(drivers::add);
    try {
      for (CreatedVolume v : records.all()) {
        capacities.put(v.volumeId(), v.capacityBytes());
        drivers.add(v.driver());
      }
    } catch (IOException e) {
      throw Statuses.internal("cannot read the volume records in " + records.folder() + ": " + e.getMessage(), e);
    }
    Map<String, Volume> out = new TreeMap<>();
    for (String driver : drivers) {
      String doing = "list the volumes of plugin '" + driver + "'";
      try (DockerPlugins.Plugin plugin = plugins.connectFor(driver, doing)) {
        for (io.dvdcli.volume.Volume v : plugin.driver().list()) {
          VolumeId id = new VolumeId(driver, v.name());
          if (id.fitsTheSpec()) {
            out.put(id.encode(), Volume.newBuilder().setVolumeId(id.encode())
                .setCapacityBytes(capacities.getOrDefault(id.encode(), 0L)).build());
          }
        }
      } catch (PluginException e) {
        throw plugins.failure(doing, driver, e);
      }
    }
    return new ArrayList<>(out.values());
  }

  /**
   * The Docker volume for a CreateVolume name: the name itself, or, when {@code <plugin>#<name>}
   * would pass the spec's 128 bytes (CSI names may have 128 characters of their own), the name's
   * start and a digest of all of it, the same for the same name every time.
   */
  private VolumeId volumeId(String driver, String name) {
    try {
      VolumeId id = new VolumeId(driver, name);
      if (id.fitsTheSpec()) {
        return id;
      }
      String digest = Digests.sha256Hex(name).substring(0, DIGEST_CHARS);
      int room = VolumeId.MAX_BYTES - driver.getBytes(StandardCharsets.UTF_8).length - 1 - DIGEST_CHARS - 1;
      if (room < MIN_NAME_START) {
        throw Statuses.invalid("plugin name '" + driver + "' leaves no room for a volume name in a "
            + VolumeId.MAX_BYTES + "-byte volume id");
      }
      String start = name.codePoints().limit(room).collect(StringBuilder::new, StringBuilder::appendCodePoint,
          StringBuilder::append).toString();
      while (start.getBytes(StandardCharsets.UTF_8).length > room) {
        start = start.substring(0, start.offsetByCodePoints(start.length(), -1));
      }
      return new VolumeId(driver, start + "-" + digest);
    } catch (IllegalArgumentException e) {
      throw Statuses.invalid(e.getMessage());
    }
  }

  private VolumeId parse(String volumeId) {
    try {
      return VolumeId.parse(volumeId, defaultDriver);
    } catch (IllegalArgumentException e) {
      throw Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
    }
  }

  private Optional<VolumeId> parseForDelete(String volumeId) {
    try {
      return Optional.of(VolumeId.parse(volumeId, defaultDriver));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }



  private Optional<CreatedVolume> find(String volumeId) {
    try {
      return records.find(volumeId);
    } catch (IOException e) {
      throw Statuses.internal(e.getMessage(), e);
    }
  }

  private void save(CreatedVolume v) {
    try {
      records.save(v.volumeId(), v);
    } catch (IOException e) {
      throw Statuses.internal("cannot record volume '" + v.volumeId() + "' in " + records.folder() + ": "
          + e.getMessage(), e);
    }
  }

  private static void require(boolean condition, String description) {
    if (!condition) {
      throw Statuses.invalid(description);
    }
  }
}
