package io.dvdcli.csi.server;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.io.PrintStream;
import java.util.List;

/**
 * One line on stderr per call: the method, what it acted on, the outcome and the time, e.g.
 * {@code dvdcli-csi: NodePublishVolume volume_id=rclone#data target_path=/var/lib/kubelet/... -> OK
 * (41 ms)}. Only the identifying fields are shown: parameters, contexts and secrets never are.
 */
public final class CallLog implements ServerInterceptor {
  private static final List<String> SHOWN = List.of("name", "volume_id", "target_path");

  private final PrintStream err;
  private final boolean quietIdentity;

  /** @param quietIdentity leave out Identity calls (liveness probes call Probe every few seconds) */
  public CallLog(PrintStream err, boolean quietIdentity) {
    this.err = err;
    this.quietIdentity = quietIdentity;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    long started = System.nanoTime();
    String method = call.getMethodDescriptor().getBareMethodName();
    boolean quiet = quietIdentity && "csi.v1.Identity".equals(call.getMethodDescriptor().getServiceName());
    StringBuilder subject = new StringBuilder();
    ServerCall<Q, A> logged = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        if (!(quiet && status.isOk())) {
          long ms = (System.nanoTime() - started) / 1_000_000;
          String outcome = status.isOk() ? "OK"
              : status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
          err.println("dvdcli-csi: " + method + subject + " -> " + outcome + " (" + ms + " ms)");
        }
        super.close(status, trailers);
      }
    };
    return new SimpleForwardingServerCallListener<>(next.startCall(logged, headers)) {
      @Override
      public void onMessage(Q message) {
        if (message instanceof Message m) {
          for (String field : SHOWN) {
            FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
            if (f != null && f.getType() == FieldDescriptor.Type.STRING && !f.isRepeated() && m.hasField(f)) {
              subject.append(' ').append(field).append('=').append(m.getField(f));
            }
          }
        }
        super.onMessage(message);
      }
    };
  }
}
