package io.dvdcli.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line and environment systemd would start a service unit with (no systemd runs as PID
 * 1 here, so the test starts it the same way itself). Covers what systemd.service(5) and
 * systemd.exec(5) say for the directives the packaged unit uses: {@code Environment=} (assignments
 * separated by spaces), {@code EnvironmentFile=} (a leading "-" means optional; later files and
 * lines win; "#" and ";" start comments), and {@code ExecStart=} ({@code ${VAR}} is one word,
 * {@code $VAR} splits on spaces).
 */
record ServiceUnit(List<String> argv, Map<String, String> environment) {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  static ServiceUnit read(Path unit) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", HostCommands.SYSTEM_PATH);
    String execStart = null;
    boolean inService = false;
    for (String raw : Files.readAllLines(unit, StandardCharsets.UTF_8)) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        inService = line.equals("[Service]");
        continue;
      }
      if (!inService || line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      switch (key) {
        case "Environment" -> {
          for (String assignment : value.split("\\s+")) {
            int e = assignment.indexOf('=');
            env.put(assignment.substring(0, e), assignment.substring(e + 1));
          }
        }
        case "EnvironmentFile" -> {
          boolean optional = value.startsWith("-");
          Path file = Path.of(optional ? value.substring(1) : value);
          if (Files.exists(file)) {
            env.putAll(environmentFile(file));
          } else if (!optional) {
            throw new IOException("EnvironmentFile " + file + " is missing");
          }
        }
        case "ExecStart" -> execStart = value;
        default -> { }
      }
    }
    if (execStart == null) {
      throw new IOException(unit + " has no ExecStart");
    }
    return new ServiceUnit(expand(execStart, env), env);
  }

  static Map<String, String> environmentFile(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.indexOf('=') < 0) {
        continue;
      }
      int eq = line.indexOf('=');
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      env.put(line.substring(0, eq).strip(), value);
    }
    return env;
  }

  private static List<String> expand(String commandLine, Map<String, String> env) {
    List<String> argv = new ArrayList<>();
    for (String word : commandLine.split("\\s+")) {
      Matcher whole = VARIABLE.matcher(word);
      if (whole.matches() && whole.group(2) != null) {
        // $VAR alone: its value split into words.
        for (String part : env.getOrDefault(whole.group(2), "").split("\\s+")) {
          if (!part.isEmpty()) {
            argv.add(part);
          }
        }
        continue;
      }
      argv.add(VARIABLE.matcher(word).replaceAll(m ->
          Matcher.quoteReplacement(env.getOrDefault(m.group(1) != null ? m.group(1) : m.group(2), ""))));
    }
    return argv;
  }
}
