package io.dvdcli.localplugin.http;

/**
 * One call the plugin answered, for logs and for tests that assert what a client sent.
 *
 * @param method the protocol method, e.g. {@code VolumeDriver.Mount}, or the raw path when
 *     unknown
 * @param volume the {@code Name} of the request, or null when it had none
 * @param mountId the {@code ID} of a Mount or Unmount, or null
 * @param status the HTTP status answered
 * @param error the {@code Err} (or text) answered on failure, or null on success
 */
public record PluginCall(String method, String volume, String mountId, int status, String error) {

  public boolean succeeded() {
    return status == 200;
  }

  /** One line for the plugin's log, e.g. {@code VolumeDriver.Mount v1 id=abc -> 200}. */
  public String logLine() {
    StringBuilder line = new StringBuilder(method);
    if (volume != null) {
      line.append(' ').append(volume);
    }
    if (mountId != null) {
      line.append(" id=").append(mountId);
    }
    line.append(" -> ").append(status);
    if (error != null) {
      line.append(' ').append(error);
    }
    return line.toString().replaceAll("\\p{Cntrl}", "?");
  }
}
