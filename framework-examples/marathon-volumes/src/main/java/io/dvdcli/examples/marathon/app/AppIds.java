package io.dvdcli.examples.marathon.app;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Marathon's path ids: an id without a leading slash is relative to its enclosing group, and {@code
 * .} and {@code ..} segments are resolved.
 */
public final class AppIds {
  private AppIds() {}

  /** The absolute form of {@code id} inside the group {@code base} (itself absolute). */
  public static String canonical(String id, String base) {
    Deque<String> segments = new ArrayDeque<>();
    if (!id.startsWith("/")) {
      push(segments, base);
    }
    push(segments, id);
    return "/" + String.join("/", segments);
  }

  private static void push(Deque<String> segments, String path) {
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
  }
}
