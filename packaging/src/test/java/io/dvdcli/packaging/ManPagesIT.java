package io.dvdcli.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The rendered man pages (roff, as the packages install them) against the commands' picocli models:
 * one page per command and subcommand, in its section, and every option in both its SYNOPSIS and its
 * OPTIONS.
 */
class ManPagesIT {
  private static final Path TARGET = Path.of(System.getProperty("packages.dir", "target"));
  private static final String VERSION = System.getProperty("package.version", "unknown");

  @TestFactory
  Stream<DynamicTest> everyOptionOfEveryCommandIsInItsRenderedPage() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Documentation.Installed installed : Documentation.COMMANDS) {
      CommandLine model = Documentation.model(installed, VERSION);
      for (CommandLine command : withSubcommands(model)) {
        CommandSpec spec = command.getCommandSpec();
        String name = spec.qualifiedName("-");
        Path page = TARGET.resolve("man").resolve(installed.pagesDir()).resolve(name + "." + installed.section());
        tests.add(DynamicTest.dynamicTest(name, () -> checkPage(spec, page, installed.section())));
      }
    }
    return tests.stream();
  }

  private static void checkPage(CommandSpec spec, Path page, int section) throws IOException {
    assertTrue(Files.isRegularFile(page), "no rendered page " + page);
    String text = plain(Files.readString(page, StandardCharsets.UTF_8));
    // The header says the section the page is installed in (man8 for the servers).
    assertTrue(Pattern.compile("(?m)^\\.TH \"[^\"]+\" \"" + section + "\"").matcher(text).find(),
        page + ": its .TH line does not say section " + section);
    String synopsis = section(text, "SYNOPSIS");
    boolean anyOption = spec.options().stream().anyMatch(o -> !o.hidden());
    String options = anyOption ? section(text, "OPTIONS") : "";
    assertTrue(synopsis.contains(spec.qualifiedName(" ")), "synopsis lacks the command name: " + synopsis);
    for (OptionSpec option : spec.options()) {
      if (option.hidden()) {
        continue;
      }
      for (String name : option.names()) {
        assertTrue(options.contains(name), page + ": OPTIONS lacks " + name);
      }
      assertTrue(inSynopsis(option, synopsis), page + ": SYNOPSIS lacks " + option.longestName() + ":\n" + synopsis);
      if (option.arity().max() > 0) {
        String withValue = option.longestName() + (option.arity().min() == 0 ? "[=" + option.paramLabel() + "]"
            : "=" + option.paramLabel());
        assertTrue(synopsis.contains(withValue), page + ": SYNOPSIS lacks " + withValue + ":\n" + synopsis);
      }
    }
  }

  @Test
  void theInstalledPagesAreTheRenderedOnesGzipped() throws IOException {
    for (Documentation.Installed installed : Documentation.COMMANDS) {
      Path rendered = TARGET.resolve("man").resolve(installed.pagesDir());
      Path gzipped = TARGET.resolve("man-gz").resolve(installed.pagesDir());
      try (Stream<Path> pages = Files.list(rendered)) {
        for (Path page : pages.toList()) {
          Path gz = gzipped.resolve(page.getFileName() + ".gz");
          byte[] bytes = Files.readAllBytes(gz);
          // gzip -9n: no name, no time, best compression (XFL 2), OS Unix (3).
          assertEquals(0, bytes[3], gz + ": FLG");
          assertEquals(0, bytes[4] | bytes[5] | bytes[6] | bytes[7], gz + ": MTIME");
          assertEquals(2, bytes[8], gz + ": XFL");
          assertEquals(3, bytes[9], gz + ": OS");
          try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertArrayEquals(Files.readAllBytes(page), in.readAllBytes(), gz.toString());
          }
        }
      }
    }
  }

  @Test
  void theUnitsDocumentationKeyNamesABuiltPage() throws IOException {
    Path unit = TARGET.resolve("files/dvdcli-local-volume-plugin.service");
    String documentation = Files.readAllLines(unit, StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("Documentation=man:")).findFirst().orElseThrow();
    Matcher page = Pattern.compile("Documentation=man:([^()]+)\\((\\d)\\)").matcher(documentation);
    assertTrue(page.matches(), documentation);
    Path rendered = TARGET.resolve("man/dvdcli-local-volume-plugin").resolve(page.group(1) + "." + page.group(2));
    assertTrue(Files.isRegularFile(rendered), documentation + ": no " + rendered);
  }

  /** A boolean short option may be folded into a cluster such as [-hV]. */
  private static boolean inSynopsis(OptionSpec option, String synopsis) {
    for (String name : option.names()) {
      if (synopsis.contains(name)) {
        return true;
      }
      if (name.length() == 2 && name.charAt(0) == '-' && option.arity().max() == 0
          && synopsis.matches("(?s).*\\[-[A-Za-z]*" + name.charAt(1) + "[A-Za-z]*\\].*")) {
        return true;
      }
    }
    return false;
  }

  private static List<CommandLine> withSubcommands(CommandLine command) {
    List<CommandLine> all = new ArrayList<>();
    all.add(command);
    command.getSubcommands().values().forEach(sub -> all.addAll(withSubcommands(sub)));
    return all;
  }

  /** The text a reader sees, near enough: roff's escapes for '-' and fonts removed. */
  static String plain(String roff) {
    return roff.replace("\\-", "-").replaceAll("\\\\f[BIRP]", "").replace("\\&", "");
  }

  /** From {@code .SH "NAME"} to the next {@code .SH}. */
  static String section(String text, String name) {
    int start = text.indexOf(".SH \"" + name + "\"");
    assertTrue(start >= 0, "no " + name + " section");
    int end = text.indexOf("\n.SH ", start + 1);
    return text.substring(start, end < 0 ? text.length() : end);
  }
}
