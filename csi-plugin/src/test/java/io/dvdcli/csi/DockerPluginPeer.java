package io.dvdcli.csi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvdcli.localplugin.LocalVolumePlugin;
import io.dvdcli.testsupport.peers.HttpAnswer;
import io.dvdcli.testsupport.peers.Mounts;
import io.dvdcli.testsupport.peers.RclonePlugin;
import io.dvdcli.testsupport.peers.UnixHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real Docker volume plugin behind the CSI server: the reference plugin (keeps a set of mount
 * IDs) or rclone's (refuses a repeated mount ID, real FUSE mounts). What a test needs to know of
 * it is asked over its own socket, as Docker would, never read from its insides.
 */
interface DockerPluginPeer extends AutoCloseable {
  ObjectMapper JSON = new ObjectMapper();

  String driver();

  Path socketsDir();

  Path socket();

  /** Create options for a volume of this plugin (rclone needs a remote). */
  Map<String, String> options();

  /** Stops the plugin and starts it again on the same state. */
  void restart() throws IOException, InterruptedException;

  /** The mount IDs the plugin says it holds for {@code volume} (empty when none or no such volume). */
  default Set<String> mountIds(String volume) throws IOException {
    HttpAnswer got = UnixHttp.pluginCall(socket(), "VolumeDriver.Get", "{\"Name\":\"" + volume + "\"}");
    Set<String> ids = new TreeSet<>();
    JsonNode status = JSON.readTree(got.body()).path("Volume").path("Status");
    status.path("Mounts").forEach(id -> ids.add(id.asText()));
    status.path("MountIDs").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  default boolean exists(String volume) throws IOException {
    HttpAnswer got = UnixHttp.pluginCall(socket(), "VolumeDriver.Get", "{\"Name\":\"" + volume + "\"}");
    return got.status() == 200 && JSON.readTree(got.body()).path("Err").asText("").isEmpty();
  }

  default void create(String volume) throws IOException {
    String opts = JSON.writeValueAsString(options());
    HttpAnswer made = UnixHttp.pluginCall(socket(), "VolumeDriver.Create", "{\"Name\":\"" + volume + "\",\"Opts\":" + opts + "}");
    if (made.status() != 200 || !JSON.readTree(made.body()).path("Err").asText("").isEmpty()) {
      throw new IOException("Create " + volume + ": " + made);
    }
  }

  @Override
  void close() throws Exception;

  static DockerPluginPeer reference(Path dir) throws IOException {
    Path sockets = Files.createDirectories(dir.resolve("sockets"));
    return new DockerPluginPeer() {
      private LocalVolumePlugin plugin = LocalVolumePlugin.start(sockets.resolve("ref.sock"), dir.resolve("state"));

      @Override
      public String driver() {
        return "ref";
      }

      @Override
      public Path socketsDir() {
        return sockets;
      }

      @Override
      public Path socket() {
        return sockets.resolve("ref.sock");
      }

      @Override
      public Map<String, String> options() {
        return Map.of();
      }

      @Override
      public Set<String> mountIds(String volume) {
        return plugin.mountIds(volume);
      }

      @Override
      public void restart() throws IOException {
        plugin.close();
        plugin = LocalVolumePlugin.start(socket(), dir.resolve("state"));
      }

      @Override
      public void close() throws IOException {
        plugin.close();
      }

      @Override
      public String toString() {
        return "reference plugin";
      }
    };
  }

  static DockerPluginPeer rclone(Path dir) throws IOException, InterruptedException {
    Path remote = Files.createDirectories(dir.resolve("remote"));
    RclonePlugin rclone = RclonePlugin.start(dir.resolve("rclone"));
    return new DockerPluginPeer() {
      @Override
      public String driver() {
        return "rclone";
      }

      @Override
      public Path socketsDir() {
        return rclone.socketsDir();
      }

      @Override
      public Path socket() {
        return rclone.socket();
      }

      @Override
      public Map<String, String> options() {
        return Map.of("remote", RclonePlugin.localRemote(remote));
      }

      @Override
      public void restart() throws IOException, InterruptedException {
        rclone.restart();
      }

      @Override
      public void close() {
        rclone.close();
        Mounts.unmountAllUnder(dir);
      }

      @Override
      public String toString() {
        return "rclone";
      }
    };
  }
}
