package io.dvdcli.protocol;

/** Names fixed by the protocol: the media type, the handshake and the call paths. */
public final class PluginProtocol {
  /** Sent as {@code Accept} (and {@code Content-Type}) on every call, as Docker does. */
  public static final String MEDIA_TYPE = "application/vnd.docker.plugins.v1.2+json";

  /** The subsystem a volume plugin must list in its {@code Plugin.Activate} answer. */
  public static final String VOLUME_DRIVER = "VolumeDriver";

  /**
   * Host header for UNIX-socket calls: Go since 1.20.6 rejects a socket path as Host, so Docker
   * sends this fixed name (moby commit 6b7705d5b2).
   */
  public static final String UNIX_SOCKET_HOST = "plugin.moby.localhost";

  public static final String ACTIVATE = "Plugin.Activate";
  public static final String CREATE = "VolumeDriver.Create";
  public static final String REMOVE = "VolumeDriver.Remove";
  public static final String MOUNT = "VolumeDriver.Mount";
  public static final String UNMOUNT = "VolumeDriver.Unmount";
  public static final String PATH = "VolumeDriver.Path";
  public static final String GET = "VolumeDriver.Get";
  public static final String LIST = "VolumeDriver.List";
  public static final String CAPABILITIES = "VolumeDriver.Capabilities";

  private PluginProtocol() {}
}
