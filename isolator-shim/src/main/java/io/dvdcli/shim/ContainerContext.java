package io.dvdcli.shim;

import io.dvdcli.shim.host.UserNames;
import java.nio.file.Path;

/**
 * What the agent knows about a container beyond its volumes: the sandbox (relative container paths
 * are created in it) and the task user (owner of the volumes when chown is on). Either may be null.
 */
public record ContainerContext(Path sandbox, String user) {
  public static final ContainerContext NONE = new ContainerContext(null, null);

  public ContainerContext {
    sandbox = sandbox == null ? null : sandbox.toAbsolutePath().normalize();
    if (user != null) {
      UserNames.validate(user);
    }
  }
}
