package io.dvdcli.shim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** What the lifecycle tests run against: a dvdcli, its environment, and a view of what is mounted. */
public interface Backend extends AutoCloseable {
  Path dvdcli();

  Map<String, String> environment();

  String driver();

  /** The driver options a volume of this backend needs (none for the reference plugin). */
  default Map<String, String> options(String name) {
    return Map.of();
  }

  boolean isMounted(String name) throws IOException;

  /** From now on unmounts fail (and, for a real plugin, possibly everything else). */
  void breakUnmounts(String name) throws IOException;

  void repair(String name) throws IOException;

  @Override
  void close() throws IOException;
}
