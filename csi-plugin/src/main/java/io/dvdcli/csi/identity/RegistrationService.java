package io.dvdcli.csi.identity;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.PrintStream;
import java.util.List;

/**
 * kubelet's plugin registration (package {@code pluginregistration}, service {@code Registration}),
 * served in-process so the node needs no node-driver-registrar sidecar: kubelet finds the socket
 * in its {@code plugins_registry} folder, asks GetInfo, dials the CSI endpoint it is given, calls
 * NodeGetInfo, and reports the outcome with NotifyRegistrationStatus.
 *
 * <p>No Maven artifact ships kubelet's proto, so its four small messages are declared here by
 * field number (kubelet's {@code pkg/apis/pluginregistration/v1}: PluginInfo type=1, name=2,
 * endpoint=3, supported_versions=4; RegistrationStatus plugin_registered=1, error=2) and carried as
 * dynamic messages.
 */
public final class RegistrationService {
  public static final String SERVICE = "pluginregistration.Registration";
  /** What kubelet's CSI registration handler expects for a CSI plugin. */
  public static final String TYPE = "CSIPlugin";
  /** The CSI versions kubelet accepts (pkg/volume/csi/csi_plugin.go: major version 1). */
  public static final List<String> SUPPORTED_VERSIONS = List.of("1.0.0");

  static final Descriptor INFO_REQUEST;
  static final Descriptor PLUGIN_INFO;
  static final Descriptor REGISTRATION_STATUS;
  static final Descriptor REGISTRATION_STATUS_RESPONSE;

  static {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("dvdcli/pluginregistration.proto")
        .setPackage("pluginregistration")
        .setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("PluginInfo")
            .addField(field("type", 1, false))
            .addField(field("name", 2, false))
            .addField(field("endpoint", 3, false))
            .addField(field("supported_versions", 4, true)))
        .addMessageType(DescriptorProto.newBuilder().setName("RegistrationStatus")
            .addField(FieldDescriptorProto.newBuilder().setName("plugin_registered").setNumber(1)
                .setType(FieldDescriptorProto.Type.TYPE_BOOL).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL))
            .addField(field("error", 2, false)))
        .addMessageType(DescriptorProto.newBuilder().setName("RegistrationStatusResponse"))
        .addMessageType(DescriptorProto.newBuilder().setName("InfoRequest"))
        .build();
    try {
      FileDescriptor built = FileDescriptor.buildFrom(file, new FileDescriptor[0]);
      PLUGIN_INFO = built.findMessageTypeByName("PluginInfo");
      REGISTRATION_STATUS = built.findMessageTypeByName("RegistrationStatus");
      REGISTRATION_STATUS_RESPONSE = built.findMessageTypeByName("RegistrationStatusResponse");
      INFO_REQUEST = built.findMessageTypeByName("InfoRequest");
    } catch (DescriptorValidationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static FieldDescriptorProto field(String name, int number, boolean repeated) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
        .setType(FieldDescriptorProto.Type.TYPE_STRING)
        .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL)
        .build();
  }

  static MethodDescriptor<DynamicMessage, DynamicMessage> method(String name, Descriptor in, Descriptor out) {
    return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(in)))
        .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(out)))
        .build();
  }

  private RegistrationService() {}

  /**
   * The service kubelet calls.
   *
   * @param endpoint the CSI socket's path as kubelet sees it on the host
   */
  public static ServerServiceDefinition definition(String driverName, String endpoint, PrintStream log) {
    DynamicMessage info = DynamicMessage.newBuilder(PLUGIN_INFO)
        .setField(PLUGIN_INFO.findFieldByName("type"), TYPE)
        .setField(PLUGIN_INFO.findFieldByName("name"), driverName)
        .setField(PLUGIN_INFO.findFieldByName("endpoint"), endpoint)
        .setField(PLUGIN_INFO.findFieldByName("supported_versions"), SUPPORTED_VERSIONS)
        .build();
    return ServerServiceDefinition.builder(SERVICE)
        .addMethod(method("GetInfo", INFO_REQUEST, PLUGIN_INFO),
            ServerCalls.asyncUnaryCall((request, answer) -> {
              answer.onNext(info);
              answer.onCompleted();
            }))
        .addMethod(method("NotifyRegistrationStatus", REGISTRATION_STATUS, REGISTRATION_STATUS_RESPONSE),
            ServerCalls.asyncUnaryCall((status, answer) -> {
              boolean registered = (Boolean) status.getField(REGISTRATION_STATUS.findFieldByName("plugin_registered"));
              String error = (String) status.getField(REGISTRATION_STATUS.findFieldByName("error"));
              log.println("dvdcli-csi: kubelet " + (registered ? "registered the plugin"
                  : "did not register the plugin: " + error));
              answer.onNext(DynamicMessage.getDefaultInstance(REGISTRATION_STATUS_RESPONSE));
              answer.onCompleted();
            }))
        .build();
  }
}
