package io.dvdcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.testing.Dvdcli;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher passes the class-data archive next to the jar to the JVM; whatever that file has
 * become, a call must still work (only start slower) and stdout must stay the answer alone.
 */
class LauncherArchiveTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "a {0} archive only slows a call down")
  @ValueSource(strings = {"garbage", "empty", "folder"})
  void aBrokenArchiveOnlySlowsACallDown(String kind) throws Exception {
    Path jar = jarOfTheTestClassPath();
    Path archive = archiveFor(jar, Path.of(System.getProperty("java.home")));
    switch (kind) {
      case "garbage" -> Files.write(archive, "not an archive".repeat(1000).getBytes(StandardCharsets.UTF_8));
      case "empty" -> Files.createFile(archive);
      default -> Files.createDirectory(archive);
    }
    // Newer than the jar, so that the launcher passes it (it would not pass an older one).
    Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    String out = callVersion(jar, false).out();
    assertTrue(out.contains("\njava "), "stdout is the answer alone: " + out);
  }

  /**
   * An archive older than its jar is not passed to the JVM: JDK 25 would run an AOT cache's
   * classes even though the jar beside it changed since (it checks neither its size nor its time).
   * The JVM's archive log (on stderr) names the archive it tries to map, if it is given one.
   */
  @org.junit.jupiter.api.Test
  void anArchiveOlderThanItsJarIsNotUsed() throws Exception {
    Path jar = jarOfTheTestClassPath();
    Path archive = archiveFor(jar, Path.of(System.getProperty("java.home")));
    Files.write(archive, "not an archive".repeat(1000).getBytes(StandardCharsets.UTF_8));
    String name = archive.getFileName().toString();
    // Times set apart: two files written within one clock tick have the same time, and neither is newer.
    long jarTime = Files.getLastModifiedTime(jar).toMillis();
    Files.setLastModifiedTime(archive, FileTime.fromMillis(jarTime + 60_000));
    String newer = callVersion(jar, true).err();
    assertTrue(newer.contains(name), "an archive newer than the jar is given to the JVM: " + newer);
    Files.setLastModifiedTime(archive, FileTime.fromMillis(jarTime - 60_000));
    String older = callVersion(jar, true).err();
    assertFalse(older.contains(name), "an archive older than the jar is given to the JVM: " + older);
  }

  private record Call(String out, String err) {}

  /**
   * {@code dvdcli version} through the launcher, with the JDK running the tests and {@code jar};
   * it must succeed with stdout the answer alone. {@code archiveLog}: the JVM's archive log on stderr.
   */
  private Call callVersion(Path jar, boolean archiveLog) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Dvdcli.launcher().toString(), "version")
        .redirectInput(new File("/dev/null"))
        .redirectOutput(tmp.resolve("out").toFile())
        .redirectError(tmp.resolve("err").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("DVDCLI_"));
    pb.environment().put("DVDCLI_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    pb.environment().put("DVDCLI_JAR", jar.toString());
    if (archiveLog) { // "aot" from JDK 25 (its AOT cache), "cds" before
      pb.environment().put("DVDCLI_JAVA_OPTS", "-Xlog:" + (Runtime.version().feature() >= 25 ? "aot" : "cds") + "=info:stderr");
    }
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the call ended");
    Call call = new Call(Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    assertEquals(0, p.exitValue(), () -> "stdout=[" + call.out() + "] stderr=[" + call.err() + "]");
    assertTrue(call.out().startsWith("dvdcli "), "stdout is the answer alone: " + call.out());
    return call;
  }

  /** The launcher's archive name: {@code <jar minus .jar>-<JAVA_RUNTIME_VERSION>.aot|.jsa}. */
  private static Path archiveFor(Path jar, Path javaHome) throws IOException {
    String version = null;
    for (String line : Files.readAllLines(javaHome.resolve("release"))) {
      if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
        version = line.substring(line.indexOf('=') + 1).replace("\"", "");
      }
    }
    String ext = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
    String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    return jar.resolveSibling(base + "-" + version + ext);
  }

  /** A jar whose manifest runs io.dvdcli.Main from the test class path, as the real jar would. */
  private Path jarOfTheTestClassPath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e).toAbsolutePath();
      entries.add(p.toUri().toString());
    }
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.dvdcli.Main");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
    Path jar = tmp.resolve("dvdcli.jar");
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m)) {
      // the manifest is the whole jar
    }
    return jar;
  }
}
