package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.Location;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects violations in the order rules find them. Like Marathon's result set, the same message at
 * the same path counts once (several rules may check one thing, e.g. app and container level).
 */
final class Violations {
  private final Set<Violation> found = new LinkedHashSet<>();

  void add(Location app, String relativePath, String message) {
    found.add(new Violation(app.file(), app.at(relativePath), message));
  }

  void addAtApp(Location app, String message) {
    found.add(new Violation(app.file(), app.self(), message));
  }

  List<Violation> toList() {
    return new ArrayList<>(found);
  }
}
