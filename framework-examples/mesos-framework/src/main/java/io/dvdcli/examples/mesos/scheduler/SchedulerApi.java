package io.dvdcli.examples.mesos.scheduler;

/**
 * Facts of the Mesos v1 scheduler HTTP API (Mesos docs/scheduler-http-api.md). The stand-in
 * master in test-support keeps the master's copy (SchedulerEndpoint); SchedulerApiTest holds the
 * two equal.
 */
public final class SchedulerApi {
  /** The one endpoint: every call is a POST here. */
  public static final String PATH = "/api/v1/scheduler";
  /** The content type this project speaks, for calls and for the event stream. */
  public static final String PROTOBUF = "application/x-protobuf";
  /** Set by the master on the SUBSCRIBE response; required on every later call. */
  public static final String STREAM_ID_HEADER = "Mesos-Stream-Id";

  private SchedulerApi() {}
}
