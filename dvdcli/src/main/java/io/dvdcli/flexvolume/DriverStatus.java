package io.dvdcli.flexvolume;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON value a driver call answers (kubernetes {@code pkg/volume/flexvolume/driver-call.go},
 * {@code DriverStatus}). kubelet reads stdout and stderr together and {@code json.Unmarshal}s them,
 * so this is all a call may print.
 *
 * @param status {@link #SUCCESS}, {@link #FAILURE} or {@link #NOT_SUPPORTED}
 * @param message why, for a failure; kubelet shows it in the pod's events
 * @param capabilities only in the answer to {@code init}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "message", "capabilities"})
public record DriverStatus(String status, String message, Capabilities capabilities) {
  public static final String SUCCESS = "Success";
  public static final String FAILURE = "Failure";
  public static final String NOT_SUPPORTED = "Not supported";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What kubelet may do with a volume of this driver. kubelet assumes true for attach, selinuxRelabel,
   * fsGroup and requiresFSResize when they are missing, so every one is said.
   */
  @JsonPropertyOrder({"attach", "selinuxRelabel", "fsGroup", "supportsMetrics", "requiresFSResize"})
  public record Capabilities(
      boolean attach, boolean selinuxRelabel, boolean fsGroup, boolean supportsMetrics, boolean requiresFSResize) {
    /**
     * No attach (a Docker plugin attaches inside its own Mount); no SELinux relabel and no fsGroup
     * chown, because the volume is the plugin's and may be shared with other pods and hosts (Docker
     * never relabels or chowns a plugin's volume either, and a FUSE or NFS volume may refuse it);
     * metrics from statfs of the mounted folder; no resize.
     */
    public static final Capabilities DVDCLI = new Capabilities(false, false, false, true, false);
  }

  public static DriverStatus initialised() {
    return new DriverStatus(SUCCESS, null, Capabilities.DVDCLI);
  }

  public static DriverStatus success(String message) {
    return new DriverStatus(SUCCESS, message, null);
  }

  public static DriverStatus failure(String message) {
    return new DriverStatus(FAILURE, message, null);
  }

  public static DriverStatus notSupported(String call) {
    return new DriverStatus(NOT_SUPPORTED, "dvdcli does not implement the Flexvolume call '" + call + "'", null);
  }

  public boolean succeeded() {
    return SUCCESS.equals(status);
  }

  /** The exit status that goes with this answer: 0 only for Success. */
  public int exitCode() {
    return succeeded() ? 0 : 1;
  }

  /** One line of compact JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      // Only strings and booleans: cannot happen, but the answer must still be one JSON value.
      return "{\"status\":\"Failure\",\"message\":\"dvdcli could not write its answer\"}";
    }
  }
}
