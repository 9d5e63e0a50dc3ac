package io.dvdcli.shim.driver;

import io.dvdcli.shim.state.DockerVolume;
import java.io.IOException;
import java.util.Map;

/**
 * The isolator's calls to dvdcli: mount and unmount one Docker volume on this host. {@link
 * DvdcliDriver} runs the dvdcli binary for them; tests stand in for it.
 */
public interface DvdcliCalls {
  /** Told the process of a call as soon as it runs, so that it can be found again after a crash. */
  @FunctionalInterface
  interface Started {
    Started IGNORE = process -> {};

    void process(ProcessHandle process) throws IOException;
  }

  /** Mounts the volume and returns its absolute host path. */
  String mount(DockerVolume volume, Map<String, String> options, boolean explicitCreate, Started started)
      throws DriverException;

  void unmount(DockerVolume volume, Started started) throws DriverException;
}
