package io.dvdcli.examples.marathon;

import io.dvdcli.examples.marathon.app.EngineType;
import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.Location;
import io.dvdcli.examples.marathon.app.MarathonApp;
import io.dvdcli.examples.marathon.app.ReadMode;
import io.dvdcli.examples.marathon.app.UpgradeStrategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for apps and volumes in tests: a valid rexray volume on MESOS unless told otherwise. */
public final class TestApps {
  private TestApps() {}

  public static final Path FILE = Path.of("app.json");

  public static VolumeSpec volume() {
    return new VolumeSpec();
  }

  public static AppSpec app(String id) {
    return new AppSpec(id);
  }

  /** Project root, from the system property surefire sets. */
  public static Path root() {
    return Path.of(System.getProperty("dvdcli.root")).toAbsolutePath();
  }

  public static Path examples() {
    return root().resolve("framework-examples/marathon-volumes/examples");
  }

  public static final class VolumeSpec {
    private String containerPath = "data";
    private ReadMode mode = ReadMode.RW;
    private Long size;
    private String name = "vol";
    private String provider = "dvdi";
    private final Map<String, String> options =
        new LinkedHashMap<>(Map.of("dvdi/driver", "rexray"));
    private boolean shared;

    public VolumeSpec containerPath(String value) {
      containerPath = value;
      return this;
    }

    public VolumeSpec mode(ReadMode value) {
      mode = value;
      return this;
    }

    public VolumeSpec size(Long value) {
      size = value;
      return this;
    }

    public VolumeSpec name(String value) {
      name = value;
      return this;
    }

    public VolumeSpec provider(String value) {
      provider = value;
      return this;
    }

    /** Sets an option; a null value removes it. */
    public VolumeSpec option(String key, String value) {
      if (value == null) {
        options.remove(key);
      } else {
        options.put(key, value);
      }
      return this;
    }

    public VolumeSpec shared(boolean value) {
      shared = value;
      return this;
    }

    public ExternalVolume build(int index) {
      return new ExternalVolume(index, containerPath, mode, size, name, provider, options, shared);
    }

    @Override
    public String toString() {
      return "volume "
          + name
          + " "
          + options
          + (size == null ? "" : " size " + size)
          + " at "
          + containerPath
          + " "
          + mode;
    }
  }

  public static final class AppSpec {
    private final String id;
    private int instances = 1;
    private EngineType engine = EngineType.MESOS;
    private UpgradeStrategy upgradeStrategy;
    private String jsonPath = "";
    private final List<VolumeSpec> volumes = new ArrayList<>();

    private AppSpec(String id) {
      this.id = id;
    }

    public AppSpec instances(int value) {
      instances = value;
      return this;
    }

    public AppSpec engine(EngineType value) {
      engine = value;
      return this;
    }

    public AppSpec upgradeStrategy(double minimumHealthCapacity, double maximumOverCapacity) {
      upgradeStrategy = new UpgradeStrategy(minimumHealthCapacity, maximumOverCapacity);
      return this;
    }

    public AppSpec at(String value) {
      jsonPath = value;
      return this;
    }

    public AppSpec with(VolumeSpec volume) {
      volumes.add(volume);
      return this;
    }

    public MarathonApp build() {
      List<ExternalVolume> built = new ArrayList<>();
      for (int i = 0; i < volumes.size(); i++) {
        built.add(volumes.get(i).build(i));
      }
      return new MarathonApp(
          id, new Location(FILE, jsonPath), instances, engine, upgradeStrategy, built);
    }
  }
}
