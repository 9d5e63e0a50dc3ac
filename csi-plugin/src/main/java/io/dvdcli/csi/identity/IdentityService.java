package io.dvdcli.csi.identity;

import com.google.protobuf.BoolValue;
import csi.v1.Csi.GetPluginCapabilitiesRequest;
import csi.v1.Csi.GetPluginCapabilitiesResponse;
import csi.v1.Csi.GetPluginInfoRequest;
import csi.v1.Csi.GetPluginInfoResponse;
import csi.v1.Csi.PluginCapability;
import csi.v1.Csi.ProbeRequest;
import csi.v1.Csi.ProbeResponse;
import csi.v1.IdentityGrpc;
import io.dvdcli.csi.volumes.DockerPlugins;
import io.dvdcli.plugin.transport.PluginException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who this plugin is and whether it can work: Probe is the default Docker plugin's Activate. A
 * plugin that is missing or does not answer (it may be starting) is {@code ready: false}; one
 * that answers but cannot serve (disabled, not a volume driver, a broken spec file) is
 * FAILED_PRECONDITION, with the reason.
 */
public final class IdentityService extends IdentityGrpc.IdentityImplBase {
  private static final Set<PluginException.Kind> STARTING =
      EnumSet.of(PluginException.Kind.NOT_FOUND, PluginException.Kind.UNREACHABLE, PluginException.Kind.TIMEOUT);

  private final String name;
  private final String version;
  private final boolean controller;
  private final Optional<String> defaultDriver;
  private final DockerPlugins plugins;

  public IdentityService(String name, String version, boolean controller, Optional<String> defaultDriver,
      DockerPlugins plugins) {
    this.name = name;
    this.version = version;
    this.controller = controller;
    this.defaultDriver = defaultDriver;
    this.plugins = plugins;
  }

  @Override
  public void getPluginInfo(GetPluginInfoRequest request, StreamObserver<GetPluginInfoResponse> answer) {
    answer.onNext(GetPluginInfoResponse.newBuilder().setName(name).setVendorVersion(version).build());
    answer.onCompleted();
  }

  @Override
  public void getPluginCapabilities(GetPluginCapabilitiesRequest request,
      StreamObserver<GetPluginCapabilitiesResponse> answer) {
    GetPluginCapabilitiesResponse.Builder out = GetPluginCapabilitiesResponse.newBuilder();
    if (controller) {
      out.addCapabilities(PluginCapability.newBuilder().setService(PluginCapability.Service.newBuilder()
          .setType(PluginCapability.Service.Type.CONTROLLER_SERVICE)));
    }
    // Volumes of a local-scope plugin live on one node (VolumeId.TOPOLOGY_KEY).
    out.addCapabilities(PluginCapability.newBuilder().setService(PluginCapability.Service.newBuilder()
        .setType(PluginCapability.Service.Type.VOLUME_ACCESSIBILITY_CONSTRAINTS)));
    answer.onNext(out.build());
    answer.onCompleted();
  }

  @Override
  public void probe(ProbeRequest request, StreamObserver<ProbeResponse> answer) {
    if (defaultDriver.isPresent()) {
      try (DockerPlugins.Plugin plugin = plugins.check(defaultDriver.get())) {
        // activated: the plugin answers
      } catch (PluginException e) {
        if (STARTING.contains(e.kind())) {
          // Not there yet, or not answering: perhaps starting. ready=false makes the sidecars
          // wait and ask again, where an error makes csi-provisioner exit.
          answer.onNext(ProbeResponse.newBuilder().setReady(BoolValue.of(false)).build());
          answer.onCompleted();
          return;
        }
        answer.onError(Status.FAILED_PRECONDITION
            .withDescription("Docker plugin '" + defaultDriver.get() + "' is not ready: " + e.getMessage())
            .asRuntimeException());
        return;
      }
    }
    answer.onNext(ProbeResponse.newBuilder().setReady(BoolValue.of(true)).build());
    answer.onCompleted();
  }
}
