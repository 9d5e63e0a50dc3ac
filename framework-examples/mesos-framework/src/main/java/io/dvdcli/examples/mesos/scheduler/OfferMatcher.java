package io.dvdcli.examples.mesos.scheduler;

import io.dvdcli.examples.mesos.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Decides whether an offer fits the task and, if so, which of its resources the task takes.
 * Taken resources are copies of the offered ones (role, allocation info, reservations kept) with
 * a smaller amount, which is what the master checks a launch against.
 */
public final class OfferMatcher {
  /** Mesos keeps scalars to three decimals; compare with that much slack. */
  private static final double EPSILON = 0.0005;

  private OfferMatcher() {}

  public static Optional<List<Resource>> take(Offer offer, TaskSpec task) {
    List<Resource> taken = new ArrayList<>();
    if (!takeScalar(offer, "cpus", task.cpus(), taken) || !takeScalar(offer, "mem", task.memMegabytes(), taken)) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(taken));
  }

  /** For the log: "cpus 1, mem 1024". */
  public static String describe(Offer offer) {
    return "cpus " + format(scalar(offer, "cpus")) + ", mem " + format(scalar(offer, "mem"));
  }

  public static String describe(TaskSpec task) {
    return "cpus " + format(task.cpus()) + ", mem " + format(task.memMegabytes());
  }

  private static boolean takeScalar(Offer offer, String name, double wanted, List<Resource> taken) {
    double missing = wanted;
    List<Resource> picked = new ArrayList<>();
    for (Resource resource : offer.getResourcesList()) {
      if (missing <= EPSILON) {
        break;
      }
      if (!isScalar(resource, name)) {
        continue;
      }
      double amount = Math.min(resource.getScalar().getValue(), missing);
      picked.add(resource.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(amount)).build());
      missing -= amount;
    }
    if (missing > EPSILON) {
      return false;
    }
    taken.addAll(picked);
    return true;
  }

  static double scalar(Offer offer, String name) {
    return offer.getResourcesList().stream()
        .filter(resource -> isScalar(resource, name))
        .mapToDouble(resource -> resource.getScalar().getValue())
        .sum();
  }

  private static boolean isScalar(Resource resource, String name) {
    return resource.getName().equals(name) && resource.getType() == Value.Type.SCALAR && resource.hasScalar();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
