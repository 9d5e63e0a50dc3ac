package io.dvdcli.testsupport.peers;

/**
 * The JUnit resource lock between test classes that make FUSE mounts (rclone's plugin) and test
 * classes whose peers make mount namespaces that live on (a Docker engine starting containers:
 * managed plugins, scratch containers). Test classes run side by side, and a mount namespace made
 * while a FUSE mount exists holds a copy of it; the FUSE connection lasts until every copy is gone,
 * so rclone's stop, which unmounts its volumes and then waits for that connection to close, hangs
 * for as long as the container lives. Seen once in CI (2026-12-02): rclone still running 30 s after
 * SIGTERM though its mount was gone from the host, then a restart that never served, while
 * ManagedPluginPeerTest started a plugin beside it. FUSE classes take the lock READ_WRITE (alone),
 * classes that start containers READ (together).
 */
public final class MountNamespaces {
  public static final String LOCK = "io.dvdcli.mount-namespaces";

  private MountNamespaces() {}
}
