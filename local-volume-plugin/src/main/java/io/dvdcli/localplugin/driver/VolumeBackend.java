package io.dvdcli.localplugin.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a volume plugin does, free of HTTP and JSON: the calls of {@code VolumeDriver.*} with
 * domain values, the backend behind the plugin's HTTP endpoint. Implementations are safe to call
 * from many threads at once. Not named after the protocol's {@code VolumeDriver}, which the
 * isolator-shim's own {@code VolumeDriver} already echoes.
 */
public interface VolumeBackend {

  /** Creates the volume; an existing volume is left as it is (its first options stay). */
  void create(String name, Map<String, String> options) throws VolumeException;

  /** Removes the volume and its data; refused while any consumer has it mounted. */
  void remove(String name) throws VolumeException;

  /** Records {@code mountId} as a consumer (a set: twice is once) and returns the host path. */
  Path mount(String name, String mountId) throws VolumeException;

  /** Forgets {@code mountId} as a consumer; an ID that has not mounted the volume is an error. */
  void unmount(String name, String mountId) throws VolumeException;

  /** The host path of the volume, mounted or not (as Docker's {@code local} driver answers). */
  Path path(String name) throws VolumeException;

  /** The volume, or a {@link VolumeException} saying there is no such volume. */
  DirectoryVolume get(String name) throws VolumeException;

  /** Every volume, sorted by name. */
  List<DirectoryVolume> list();

  /** {@code local} or {@code global}: whether a volume is known on one host or cluster-wide. */
  String scope();
}
