package io.dvdcli.testsupport.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Captures real answers into dvdcli's test resources. Not part of the suite (its name matches no
 * surefire pattern, and it skips without the property); run it by hand as root:
 *
 * <pre>
 * mvn -B -o -pl test-support -am verify -Dtest=CaptureRealAnswers -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=none -Ddvdcli.capture.dir=$PWD/test-support/src/main/resources/io/dvdcli/captured
 * </pre>
 *
 * Everything runs under the fixed folder /tmp/dvdcli-capture and the plugin runs from a copy of
 * the reference plugin's jar there, so the answers name no path of the machine that made them
 * (only the engine's host facts in /info, and ids and dates, differ from run to run).
 */
class CaptureRealAnswers {
  private static final Path WORK = Path.of("/tmp/dvdcli-capture");
  private static final String NAME = "dvdcli-test/reference";

  @Test
  void captureTheEnginesAndRclonesAnswers() throws Exception {
    String target = System.getProperty("dvdcli.capture.dir");
    assumeTrue(target != null, "set -Ddvdcli.capture.dir=<folder> to capture answers");
    Path out = Path.of(target);
    Path jar = Path.of(System.getProperty("dvdcli.root", "."), "local-volume-plugin/target/local-volume-plugin.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing (mvn -pl local-volume-plugin -am package)");
    clean(WORK);
    Files.createDirectories(WORK.resolve("jar"));
    Path pluginJar = Files.copy(jar, WORK.resolve("jar/local-volume-plugin.jar"), StandardCopyOption.REPLACE_EXISTING);

    try (RealDockerEngine engine = RealDockerEngine.start(WORK.resolve("engine"))) {
      captureEngine(engine, pluginJar, out.resolve("engine"), out.resolve("managed-plugin"));
      Files.writeString(out.resolve("VERSIONS.txt"), versions(engine), StandardCharsets.UTF_8);
    }
    try (RclonePlugin rclone = RclonePlugin.start(WORK.resolve("rclone"))) {
      captureRclone(rclone, Files.createDirectories(WORK.resolve("remote")), out.resolve("rclone"));
    }
    clean(WORK);
  }

  private static void captureEngine(RealDockerEngine engine, Path pluginJar, Path dir, Path managed) throws Exception {
    save(dir, "ping", engine.get("/_ping"));
    save(dir, "version", engine.get("/version"));
    save(dir, "plugins-none", engine.get("/plugins"));

    ManagedPluginPeer plugin =
        ManagedPluginPeer.create(engine, NAME, WORK.resolve("plugin"), ManagedPluginPeer.currentJava(), List.of(pluginJar), ManagedPluginPeer.REFERENCE_PLUGIN_MAIN);
    save(dir, "plugins-enabled", engine.get("/plugins"));
    save(dir, "plugins-enabled-v1.41", engine.get("/v1.41/plugins"));
    save(dir, "plugins-volumedriver-filter", engine.get("/plugins?filters=" + URLEncoder.encode("{\"capability\":[\"volumedriver\"]}", StandardCharsets.UTF_8)));
    save(dir, "plugin-inspect-untagged", engine.get("/v1.41/plugins/" + NAME + "/json"));
    save(dir, "plugin-inspect-tagged", engine.get("/v1.41/plugins/" + NAME + ":latest/json"));
    save(dir, "plugin-inspect-by-id", engine.get("/v1.41/plugins/" + plugin.id() + "/json"));
    save(dir, "info-enabled", engine.get("/info"));

    CommandResult created = engine.docker("volume", "create", "-d", NAME, "v1");
    assertTrue(created.ok(), created::toString);
    save(managed, "activate", UnixHttp.pluginCall(plugin.hostSocket(), "Plugin.Activate", null));
    save(managed, "mount", UnixHttp.pluginCall(plugin.hostSocket(), "VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"m1\"}"));
    save(managed, "path", UnixHttp.pluginCall(plugin.hostSocket(), "VolumeDriver.Path", "{\"Name\":\"v1\"}"));
    save(managed, "get", UnixHttp.pluginCall(plugin.hostSocket(), "VolumeDriver.Get", "{\"Name\":\"v1\"}"));
    save(managed, "list", UnixHttp.pluginCall(plugin.hostSocket(), "VolumeDriver.List", "{}"));
    save(managed, "unmount", UnixHttp.pluginCall(plugin.hostSocket(), "VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"m1\"}"));
    save(managed, "volume-inspect-cli", engine.docker("volume", "inspect", "v1"));

    plugin.disable();
    save(dir, "plugins-disabled", engine.get("/plugins"));
    save(dir, "info-disabled", engine.get("/info"));
    save(dir, "plugin-inspect-disabled", engine.get("/v1.41/plugins/" + NAME + "/json"));
    save(dir, "volume-create-disabled-cli", engine.docker("volume", "create", "-d", NAME, "v2"));

    save(dir, "plugin-inspect-missing", engine.get("/v1.41/plugins/nonexistent/json"));
    save(dir, "plugin-inspect-missing-unversioned", engine.get("/plugins/nonexistent/json"));
    save(dir, "plugins-version-too-new", engine.get("/v1.99/plugins"));
    save(dir, "plugins-version-too-old", engine.get("/v1.11/plugins"));
    save(dir, "plugins-bad-filter", engine.get("/plugins?filters=notjson"));
    save(dir, "no-such-route", engine.get("/v1.41/nonexistent"));
    save(dir, "volume-create-missing-plugin-cli", engine.docker("volume", "create", "-d", "nothere/x", "v3"));
    plugin.remove();
  }

  private static void captureRclone(RclonePlugin rclone, Path remote, Path dir) throws IOException {
    String ok = "{\"Name\":\"v1\",\"Opts\":{\"remote\":\"" + RclonePlugin.localRemote(remote) + "\"}}";
    save(dir, "activate", rclone.call("Plugin.Activate", null));
    save(dir, "capabilities", rclone.call("VolumeDriver.Capabilities", "{}"));
    save(dir, "create-unknown-option", rclone.call("VolumeDriver.Create",
        "{\"Name\":\"v1\",\"Opts\":{\"remote\":\"" + RclonePlugin.localRemote(remote) + "\",\"colour\":\"blue\"}}"));
    save(dir, "create-no-options", rclone.call("VolumeDriver.Create", "{\"Name\":\"v0\",\"Opts\":{}}"));
    save(dir, "create-ok", rclone.call("VolumeDriver.Create", ok));
    save(dir, "create-existing", rclone.call("VolumeDriver.Create", ok));
    save(dir, "get-unmounted", rclone.call("VolumeDriver.Get", "{\"Name\":\"v1\"}"));
    save(dir, "path-unmounted", rclone.call("VolumeDriver.Path", "{\"Name\":\"v1\"}"));
    save(dir, "mount-ok", rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"m1\"}"));
    save(dir, "mount-repeated-id", rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"m1\"}"));
    save(dir, "mount-second-id", rclone.call("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"m2\"}"));
    save(dir, "get-mounted", rclone.call("VolumeDriver.Get", "{\"Name\":\"v1\"}"));
    save(dir, "path-mounted", rclone.call("VolumeDriver.Path", "{\"Name\":\"v1\"}"));
    save(dir, "list", rclone.call("VolumeDriver.List", "{}"));
    save(dir, "unmount-unknown-id", rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"zzz\"}"));
    save(dir, "remove-mounted", rclone.call("VolumeDriver.Remove", "{\"Name\":\"v1\"}"));
    save(dir, "unmount-ok-one-of-two", rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"m2\"}"));
    save(dir, "unmount-ok-last", rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"m1\"}"));
    save(dir, "unmount-not-mounted", rclone.call("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"m1\"}"));
    save(dir, "mount-missing-volume", rclone.call("VolumeDriver.Mount", "{\"Name\":\"nothere\",\"ID\":\"m1\"}"));
    save(dir, "get-missing", rclone.call("VolumeDriver.Get", "{\"Name\":\"nothere\"}"));
    save(dir, "path-missing", rclone.call("VolumeDriver.Path", "{\"Name\":\"nothere\"}"));
    save(dir, "unmount-missing-volume", rclone.call("VolumeDriver.Unmount", "{\"Name\":\"nothere\",\"ID\":\"m1\"}"));
    save(dir, "remove-ok", rclone.call("VolumeDriver.Remove", "{\"Name\":\"v1\"}"));
    save(dir, "remove-missing", rclone.call("VolumeDriver.Remove", "{\"Name\":\"v1\"}"));
    save(dir, "unknown-method", rclone.call("VolumeDriver.Nope", "{}"));
  }

  private static String versions(RealDockerEngine engine) {
    return "captured " + Instant.now() + " by test-support's CaptureRealAnswers\n"
        + "dockerd --version: " + Commands.run(Duration.ofSeconds(30), "dockerd", "--version").stdout()
        + "docker CLI: " + engine.docker("version", "--format", "{{.Client.Version}} (API {{.Client.APIVersion}}); server {{.Server.Version}} (API {{.Server.APIVersion}})").stdout()
        + "rclone version:\n" + Commands.run(Duration.ofSeconds(30), "rclone", "version").stdout()
        + "java: " + System.getProperty("java.vm.version") + "\n"
        + "kernel: " + Commands.run(Duration.ofSeconds(30), "uname", "-r").stdout();
  }

  private static void save(Path dir, String name, HttpAnswer answer) throws IOException {
    CapturedAnswers.write(dir.resolve(name + ".http"), answer);
  }

  /** A CLI's words, for the engine's messages that only the CLI shows (exit code, stdout, stderr). */
  private static void save(Path dir, String name, CommandResult result) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".txt"),
        "$ " + String.join(" ", result.command().subList(3, result.command().size())) + "\nexit " + result.exitCode()
            + "\n--- stdout\n" + result.stdout() + "--- stderr\n" + result.stderr(), StandardCharsets.UTF_8);
  }

  private static void clean(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Mounts.unmountAllUnder(dir);
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
