package io.dvdcli.examples.scheduler.scheduler;

/**
 * Facts of the Mesos v1 scheduler HTTP API shared by the framework and the stand-in master
 * (Mesos docs/scheduler-http-api.md), so the two cannot drift apart.
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
