package io.dvdcli.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVolumePluginSmokeTest {
  @TempDir Path tmp;

  @Test
  void aVolumeCanBeCreatedMountedAndSeenInTheState() throws Exception {
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(tmp.resolve("p.sock"), tmp.resolve("root"))) {
      UnixHttpClient client = UnixHttpClient.unix(tmp.resolve("p.sock"));
      System.out.println(client.post("Plugin.Activate", ""));
      System.out.println(client.post("VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":{\"size\":\"1\",\"password\":\"x\"}}"));
      System.out.println(client.post("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"a\"}"));
      System.out.println(client.post("VolumeDriver.Get", "{\"Name\":\"v1\"}"));
      System.out.println(client.post("VolumeDriver.Get", "{\"Name\":\"v2\"}"));
      System.out.println(client.post("VolumeDriver.Get", "nope"));
      System.out.println(client.post("VolumeDriver.Nope", "{}"));
      System.out.println(client.post("VolumeDriver.List", ""));
      System.out.println(client.post("VolumeDriver.Capabilities", ""));
      assertEquals(Set.of("a"), plugin.mountIds("v1"));
      System.out.println(plugin.calls());
    }
  }
}
