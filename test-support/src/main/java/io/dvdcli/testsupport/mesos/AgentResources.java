package io.dvdcli.testsupport.mesos;

/** The scalar resources the stand-in's one agent offers. */
public record AgentResources(double cpus, double memMegabytes) {
  public AgentResources {
    if (!(cpus > 0) || !(memMegabytes > 0)) {
      throw new IllegalArgumentException("agent cpus and mem must be positive, got " + cpus + " and " + memMegabytes);
    }
  }
}
