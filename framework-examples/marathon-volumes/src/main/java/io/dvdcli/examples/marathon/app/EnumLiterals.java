package io.dvdcli.examples.marathon.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Marathon's generated enum readers compare literals lower-cased, so "rw" and "Rw" mean RW. */
final class EnumLiterals {
  private EnumLiterals() {}

  static <E extends Enum<E>> E parse(Class<E> type, String literal) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(literal.toLowerCase(Locale.ROOT))) {
        return constant;
      }
    }
    String names =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        "unknown " + type.getSimpleName() + " \"" + literal + "\", expected one of " + names);
  }
}
