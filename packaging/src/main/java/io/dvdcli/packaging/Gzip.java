package io.dvdcli.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Build step: compresses every file under each FROM folder into TO/<same path>.gz as
 * {@code gzip -9n} does (best compression, no file name, no time, OS Unix), so that two builds give
 * the same bytes and Debian's tools find man pages and changelogs as they expect them.
 *
 * <p>{@code Gzip FROM TO [FROM TO ...]}
 */
public final class Gzip {
  private Gzip() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || args.length % 2 != 0) {
      throw new IllegalArgumentException("usage: Gzip FROM TO [FROM TO ...]");
    }
    for (int i = 0; i < args.length; i += 2) {
      compressTree(Path.of(args[i]), Path.of(args[i + 1]));
    }
  }

  static void compressTree(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      Path target = to.resolve(from.relativize(file).toString() + ".gz");
      Files.createDirectories(target.getParent());
      compress(Files.readAllBytes(file), target);
    }
  }

  static void compress(byte[] content, Path target) throws IOException {
    GzipParameters parameters = new GzipParameters();
    parameters.setCompressionLevel(9);
    parameters.setModificationTime(0);
    parameters.setOperatingSystem(3);
    try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(target), parameters)) {
      out.write(content);
    }
  }
}
