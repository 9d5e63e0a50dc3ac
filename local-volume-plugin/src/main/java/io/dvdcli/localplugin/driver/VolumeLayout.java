package io.dvdcli.localplugin.driver;

import java.nio.file.Path;

/**
 * Where everything lives under the state root, and nothing else:
 *
 * <pre>
 * &lt;root&gt;/
 *   state.json          every volume: options and mount IDs (rewritten atomically on each change)
 *   state.json.tmp      only while state.json is being rewritten
 *   volumes/
 *     &lt;name&gt;/
 *       _data/          the mount point Mount hands out (as Docker's local driver lays it out)
 * </pre>
 */
public record VolumeLayout(Path root) {

  public VolumeLayout {
    root = root.toAbsolutePath().normalize();
  }

  public Path stateFile() {
    return root.resolve("state.json");
  }

  public Path stateTempFile() {
    return root.resolve("state.json.tmp");
  }

  public Path volumesDir() {
    return root.resolve("volumes");
  }

  public Path volumeDir(VolumeName name) {
    return volumesDir().resolve(name.value());
  }

  public Path mountpoint(VolumeName name) {
    return volumeDir(name).resolve("_data");
  }
}
