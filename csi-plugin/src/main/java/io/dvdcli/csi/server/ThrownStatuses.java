package io.dvdcli.csi.server;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Lets the services throw the status they mean (INVALID_ARGUMENT, NOT_FOUND, ...) instead of
 * threading a StreamObserver through every check; grpc-java would answer a thrown exception with
 * UNKNOWN "Application error processing RPC". Anything else thrown is a defect: INTERNAL, with
 * its one-line description and no stack trace on the wire.
 */
public final class ThrownStatuses implements ServerInterceptor {
  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        guard(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(super::onHalfClose);
      }

      private void guard(Runnable step) {
        try {
          step.run();
        } catch (StatusRuntimeException e) {
          call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
        } catch (RuntimeException e) {
          call.close(Status.INTERNAL.withDescription("dvdcli-csi internal error: " + e), new Metadata());
        }
      }
    };
  }
}
