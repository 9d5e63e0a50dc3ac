package io.dvdcli.examples.mesos.standin;

import io.dvdcli.examples.mesos.scheduler.MasterConnection;
import io.dvdcli.examples.mesos.scheduler.Subscription;
import io.dvdcli.testsupport.mesos.DirectoryVolumes;
import io.dvdcli.testsupport.mesos.StandInMesos;
import io.dvdcli.testsupport.mesos.StandInSettings;
import java.io.IOException;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A stand-in and a bare scheduler client on it, for tests that drive the API call by call: the
 * calls are built here, the answers read with {@link #next}.
 */
final class BareScheduler implements AutoCloseable {
  final StandInMesos mesos;
  final MasterConnection master;

  private BareScheduler(StandInMesos mesos) {
    this.mesos = mesos;
    this.master = new MasterConnection(mesos.uri());
  }

  static BareScheduler start(StandInSettings settings) throws IOException {
    return new BareScheduler(StandInMesos.start(settings, new DirectoryVolumes(settings.workDir().resolve("volumes"))));
  }

  @Override
  public void close() throws IOException {
    mesos.close();
  }

  /** The next event of a type, skipping others (offers and heartbeats may come in between). */
  static Event next(Subscription stream, Event.Type type) throws IOException {
    while (true) {
      Event event = stream.next().orElseThrow(() -> new AssertionError("stream ended before " + type));
      if (event.getType() == type) {
        return event;
      }
    }
  }

  /** SUBSCRIBE with this FrameworkInfo; its id, if any, also goes into {@code framework_id}. */
  static Call subscribe(FrameworkInfo info) {
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
    if (info.hasId()) {
      call.setFrameworkId(info.getId());
    }
    return call.build();
  }

  /** ACCEPT of one offer with one LAUNCH of one task. */
  static Call accept(FrameworkID frameworkId, Offer offer, TaskInfo task) {
    return Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACCEPT)
        .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
            .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task))))
        .build();
  }
}
