package io.dvdcli.testsupport.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code docker run -v VOLUME:/vol} on a real engine without a registry: the image is a scratch
 * root file system (imported once from a tar) whose only content is links into the host's /usr,
 * bind-mounted read-only, so {@code /bin/sh} and coreutils work inside. A container is the
 * strongest witness that a volume's path is what Docker itself would use.
 */
public final class ScratchContainer {
  public static final String IMAGE = "dvdcli-test/usr-only:1";

  private ScratchContainer() {}

  /** Runs {@code script} with {@code /bin/sh -c} in a container with the volume at /vol. */
  public static CommandResult run(RealDockerEngine engine, String volume, String script) throws IOException {
    if (!engine.docker("image", "inspect", IMAGE).ok()) {
      Path work = Files.createDirectories(engine.dir().resolve("scratch-image"));
      Path rootfs = Files.createDirectories(work.resolve("rootfs"));
      for (String folder : new String[] {"usr", "etc", "proc", "sys", "dev", "vol"}) {
        Files.createDirectories(rootfs.resolve(folder));
      }
      for (String link : new String[] {"bin", "lib", "lib64", "sbin"}) {
        if (!Files.exists(rootfs.resolve(link), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(rootfs.resolve(link), Path.of("usr", link));
        }
      }
      Path tar = work.resolve("image.tar");
      CommandResult packed = Commands.run(Duration.ofSeconds(60), "tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".");
      if (!packed.ok()) {
        throw new IOException("cannot pack the scratch image: " + packed);
      }
      CommandResult imported = engine.docker("import", tar.toString(), IMAGE);
      if (!imported.ok()) {
        throw new IOException("cannot import the scratch image: " + imported);
      }
    }
    return engine.docker("run", "--rm", "--network", "none", "-v", "/usr:/usr:ro", "-v", volume + ":/vol", IMAGE,
        "/bin/sh", "-c", script);
  }
}
