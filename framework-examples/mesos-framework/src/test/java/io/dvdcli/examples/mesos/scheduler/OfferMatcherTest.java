package io.dvdcli.examples.mesos.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.examples.mesos.task.TaskSpec;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferMatcherTest {

  @ParameterizedTest(name = "a task needing cpus {0}, mem {1} does not fit an offer of cpus 1, mem 128")
  @CsvSource({"1.5, 32", "0.5, 129", "2, 256"})
  void anOfferSmallerThanTheTaskDoesNotFit(double cpus, double mem) {
    assertTrue(OfferMatcher.take(offer(resource("cpus", 1, "*"), resource("mem", 128, "*")), task(cpus, mem)).isEmpty());
  }

  @Test
  void aFittingOfferGivesCopiesOfItsResourcesCutToTheTask() {
    Resource cpus = resource("cpus", 4, "web");
    Resource mem = resource("mem", 1024, "web");
    List<Resource> taken = OfferMatcher.take(offer(cpus, mem), task(0.5, 64)).orElseThrow();
    assertEquals(List.of(
        cpus.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(0.5)).build(),
        mem.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(64)).build()), taken);
    assertEquals("web", taken.get(0).getAllocationInfo().getRole());
  }

  @Test
  void aTaskMayTakeFromSeveralResourcesOfTheSameName() {
    List<Resource> taken = OfferMatcher.take(
        offer(resource("cpus", 1, "a"), resource("cpus", 1, "b"), resource("mem", 64, "a")), task(1.5, 64))
        .orElseThrow();
    assertEquals(3, taken.size());
    assertEquals(0.5, taken.get(1).getScalar().getValue());
  }

  private static TaskSpec task(double cpus, double mem) {
    return new TaskSpec("t", "true", cpus, mem, List.of());
  }

  static Offer offer(Resource... resources) {
    return Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("o1"))
        .setFrameworkId(FrameworkID.newBuilder().setValue("f1"))
        .setAgentId(AgentID.newBuilder().setValue("a1"))
        .setHostname("agent")
        .addAllResources(List.of(resources))
        .build();
  }

  static Resource resource(String name, double amount, String role) {
    return Resource.newBuilder()
        .setName(name)
        .setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(amount))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role))
        .build();
  }
}
