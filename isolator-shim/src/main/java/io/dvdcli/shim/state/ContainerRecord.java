package io.dvdcli.shim.state;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a checkpoint says about one container. {@code problem} explains a record that could not be
 * read whole (it then counts as having no volumes), e.g. an empty file after a hard reboot.
 */
public record ContainerRecord(String containerId, Set<DockerVolume> volumes, Optional<String> problem) {
  public ContainerRecord {
    Objects.requireNonNull(containerId, "containerId");
    volumes = Collections.unmodifiableSet(new LinkedHashSet<>(volumes));
    Objects.requireNonNull(problem, "problem");
  }

  public boolean uses(DockerVolume volume) {
    return volumes.contains(volume);
  }
}
