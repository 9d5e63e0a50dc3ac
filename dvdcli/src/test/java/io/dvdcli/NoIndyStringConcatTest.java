package io.dvdcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.cli.DiscoveryFlags;
import io.dvdcli.plugin.codec.WireCodec;
import io.dvdcli.untrusted.UntrustedText;
import io.dvdcli.volume.VolumeService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * dvdcli and plugin-protocol are compiled with {@code -XDstringConcat=inline} (their poms): on JDK
 * 17-24 an {@code invokedynamic} string concatenation links method handles the first time it runs,
 * spinning classes no AppCDS archive holds (46 per mount, +36 ms on JDK 17; scripts/BENCHMARK.md).
 * A module built without the flag shows up here as call sites of {@code makeConcatWithConstants}.
 */
class NoIndyStringConcatTest {
  private static final byte[] BOOTSTRAP = "makeConcatWithConstants".getBytes(StandardCharsets.US_ASCII);

  @Test
  void noClassOnTheCallPathConcatenatesThroughInvokedynamic() throws Exception {
    List<String> offenders = new ArrayList<>();
    int classes = 0;
    for (Class<?> anchor : List.of(Main.class, DiscoveryFlags.class, VolumeService.class, WireCodec.class, UntrustedText.class)) {
      Path where = location(anchor);
      if (Files.isDirectory(where)) {
        try (Stream<Path> files = Files.walk(where)) {
          for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
            classes++;
            if (contains(Files.readAllBytes(f))) {
              offenders.add(where.relativize(f).toString());
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(where.toFile())) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
            JarEntry entry = e.nextElement();
            if (entry.getName().startsWith("io/dvdcli/") && entry.getName().endsWith(".class")) {
              classes++;
              try (InputStream in = jar.getInputStream(entry)) {
                if (contains(in.readAllBytes())) {
                  offenders.add(entry.getName());
                }
              }
            }
          }
        }
      }
    }
    assertTrue(classes > 50, "found the compiled classes (" + classes + ")");
    assertEquals(List.of(), offenders, "compiled without -XDstringConcat=inline");
  }

  private static Path location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static boolean contains(byte[] bytes) throws IOException {
    outer:
    for (int i = 0; i + BOOTSTRAP.length <= bytes.length; i++) {
      for (int j = 0; j < BOOTSTRAP.length; j++) {
        if (bytes[i + j] != BOOTSTRAP[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
