package io.dvdcli.testsupport.mesos;

import java.util.Locale;

/**
 * Whether an Accept header allows a media type, as libprocess decides it
 * (Request::_acceptsMediaType, 3rdparty/libprocess/src/http.cpp:389-440 in Mesos 1.11.0): no header
 * accepts everything; otherwise the exact type, then {@code type/*}, then {@code *}{@code /*} is
 * looked for, and the first range found decides, refused only by a q value of 0.
 */
final class MediaRanges {
  private MediaRanges() {}

  static boolean accepts(String header, String mediaType) {
    if (header == null) {
      return true;
    }
    String ranges = header.replace(" ", "").replace("\t", "").replace("\n", "");
    String[] candidates = {mediaType, mediaType.substring(0, mediaType.indexOf('/')) + "/*", "*/*"};
    for (String candidate : candidates) {
      for (String range : ranges.split(",")) {
        String[] parts = range.split(";");
        if (parts.length == 0 || !parts[0].toLowerCase(Locale.ROOT).equals(candidate.toLowerCase(Locale.ROOT))) {
          continue;
        }
        String q = null;
        int qs = 0;
        for (int i = 1; i < parts.length; i++) {
          if (parts[i].startsWith("q=")) {
            q = parts[i].substring(2);
            qs++;
          }
        }
        if (q == null || qs != 1) {
          return true; // no q value, or a malformed one
        }
        try {
          return Double.parseDouble(q) > 0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }
}
