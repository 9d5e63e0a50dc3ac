package io.dvdcli.examples.marathon.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the command's paths into apps: a file is one app or group, a folder stands for every {@code
 * *.json} file below it (sorted, so results do not depend on the file system's order). All apps
 * loaded together form the "cluster" the cross-app volume name rule runs over.
 */
public final class AppLoader {
  private final AppDefinitionReader reader;

  public AppLoader(AppDefinitionReader reader) {
    this.reader = reader;
  }

  public List<MarathonApp> load(List<Path> paths) throws AppLoadException {
    List<MarathonApp> apps = new ArrayList<>();
    for (Path file : files(paths)) {
      apps.addAll(reader.read(file));
    }
    rejectDuplicateIds(apps);
    return apps;
  }

  private static List<Path> files(List<Path> paths) throws AppLoadException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> found = jsonFilesBelow(path);
        if (found.isEmpty()) {
          throw new AppLoadException(
              "Failed to read app definitions '" + path + "': the folder holds no .json file");
        }
        files.addAll(found);
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new AppLoadException(
            "Failed to read app definitions '" + path + "': no such file or folder");
      }
    }
    return files;
  }

  private static List<Path> jsonFilesBelow(Path folder) throws AppLoadException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new AppLoadException(
          "Failed to read app definitions '" + folder + "': " + e.getMessage());
    }
  }

  /**
   * Marathon holds one app per id; two definitions of one id would be one app replacing another.
   */
  private static void rejectDuplicateIds(List<MarathonApp> apps) throws AppLoadException {
    Map<String, MarathonApp> seen = new HashMap<>();
    for (MarathonApp app : apps) {
      MarathonApp earlier = seen.putIfAbsent(app.id(), app);
      if (earlier != null) {
        throw new AppLoadException(
            "Failed to load apps: app id '"
                + app.id()
                + "' is defined twice, in '"
                + describe(earlier.location())
                + "' and '"
                + describe(app.location())
                + "'");
      }
    }
  }

  private static String describe(Location location) {
    return location.file() + (location.jsonPath().isEmpty() ? "" : " " + location.jsonPath());
  }
}
