package io.dvdcli.examples.mesos.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dvdcli.examples.mesos.scheduler.SchedulerApi;
import io.dvdcli.testsupport.mesos.SchedulerEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The framework and the stand-in master each keep the API's facts (test-support cannot depend on
 * the framework); this keeps the two copies equal.
 */
class SchedulerApiTest {

  @Test
  void theFrameworkAndTheStandInAgreeOnTheEndpointTheContentTypeAndTheStreamHeader() {
    assertEquals(SchedulerApi.PATH, SchedulerEndpoint.PATH);
    assertEquals(SchedulerApi.PROTOBUF, SchedulerEndpoint.PROTOBUF);
    assertEquals(SchedulerApi.STREAM_ID_HEADER, SchedulerEndpoint.STREAM_ID_HEADER);
  }
}
