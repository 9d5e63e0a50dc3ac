package io.dvdcli.csi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubelet's side of plugin registration, written from its wire format alone (package
 * pluginregistration, service Registration; PluginInfo fields 1-4, RegistrationStatus 1-2) and
 * not from the server's own descriptors, so the two cannot agree on a mistake.
 */
class KubeletRegistrationTest {
  @TempDir
  Path tmp;

  /** Raw protobuf bytes in and out, as a client without generated classes sends them. */
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  private static MethodDescriptor<byte[], byte[]> method(String name) {
    return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName("pluginregistration.Registration/" + name)
        .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
  }

  @Test
  void getInfoNamesTheCsiPluginItsHostEndpointAndVersionOneAndTheStatusIsLogged() throws Exception {
    Path registry = Files.createDirectories(tmp.resolve("plugins_registry"));
    try (CsiServerProcess server = CsiServerProcess.start(Files.createDirectories(tmp.resolve("csi")),
            List.of("--registration-dir", registry.toString(), "--kubelet-endpoint",
                "/var/lib/kubelet/plugins/csi.dvdcli.io/csi.sock", "--state-dir", tmp.resolve("state").toString(),
                "--mode", "node", "--node-id", "n1"),
            Map.of());
         CsiClient kubelet = new CsiClient(registry.resolve(CsiMain.DEFAULT_NAME + "-reg.sock"))) {
      byte[] info = ClientCalls.blockingUnaryCall(kubelet.channel(), method("GetInfo"),
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[0]);

      Map<Integer, List<String>> fields = strings(info);
      assertEquals(List.of("CSIPlugin"), fields.get(1));
      assertEquals(List.of(CsiMain.DEFAULT_NAME), fields.get(2));
      assertEquals(List.of("/var/lib/kubelet/plugins/csi.dvdcli.io/csi.sock"), fields.get(3));
      assertEquals(List.of("1.0.0"), fields.get(4));

      ByteArrayOutputStream status = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(status);
      out.writeBool(1, false);
      out.writeString(2, "version 0.9 is not supported");
      out.flush();
      ClientCalls.blockingUnaryCall(kubelet.channel(), method("NotifyRegistrationStatus"),
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), status.toByteArray());
      server.awaitLog("kubelet did not register the plugin: version 0.9 is not supported", java.time.Duration.ofSeconds(10));
      assertTrue(server.log().contains("registering with kubelet through " + registry), server.log());
    }
  }

  private static Map<Integer, List<String>> strings(byte[] message) throws IOException {
    Map<Integer, List<String>> fields = new java.util.TreeMap<>();
    CodedInputStream in = CodedInputStream.newInstance(message);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      assertEquals(2, tag & 7, "every PluginInfo field is length-delimited");
      fields.computeIfAbsent(tag >>> 3, k -> new ArrayList<>()).add(in.readString());
    }
    return fields;
  }
}
