package io.dvdcli.localplugin.driver;

/**
 * A call the driver refuses or cannot complete. The message is complete and human-readable
 * ("Failed to mount volume 'v1': no such volume"): it travels unchanged as the protocol's
 * {@code Err}.
 */
public final class VolumeException extends Exception {
  private static final long serialVersionUID = 1L;

  public VolumeException(String message) {
    super(message);
  }

  public VolumeException(String message, Throwable cause) {
    super(message, cause);
  }

  static VolumeException failed(String verb, String name, String cause) {
    return new VolumeException("Failed to " + verb + " volume '" + name + "': " + cause);
  }
}
