package io.dvdcli.testsupport.mesos;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * The master's checks of a SUBSCRIBE's FrameworkInfo, each refused with an ERROR event on the
 * stream rather than an HTTP error: Master::validateFramework (src/master/master.cpp:2555-2621 in
 * 1.11.0) and, on re-subscribe, validation::framework::validateUpdate
 * (src/master/validation.cpp:592-640). Not modelled: authorization (ACLs), suppressed roles,
 * offer filters and constraints.
 */
final class FrameworkChecks {
  /** A stout Duration is int64 nanoseconds (3rdparty/stout/include/stout/duration.hpp:418-426). */
  private static final double MAX_DURATION_SECONDS = Long.MAX_VALUE / 1e9;

  private final Optional<Set<String>> roleWhitelist;
  private final boolean rootSubmissions;

  /**
   * @param roles the master's {@code --roles}, empty for none (every role allowed); {@code *} is
   *     always allowed when it is given (master.cpp:701-722)
   * @param rootSubmissions the master's {@code --root_submissions} (default true)
   */
  FrameworkChecks(Optional<Set<String>> roles, boolean rootSubmissions) {
    this.roleWhitelist = roles.map(given -> {
      Set<String> allowed = new LinkedHashSet<>(given);
      allowed.add("*");
      return Set.copyOf(allowed);
    });
    this.rootSubmissions = rootSubmissions;
  }

  /** The first reason the master refuses this subscription, or empty. */
  Optional<String> refusal(FrameworkInfo info, boolean removed) {
    Optional<String> roles = roleError(info);
    if (roles.isPresent()) {
      return roles;
    }
    if (info.hasId() && !info.getId().getValue().isEmpty()) {
      Optional<String> id = Ids.error(info.getId().getValue()); // validation.cpp:535-542
      if (id.isPresent()) {
        return id;
      }
    }
    Set<String> notWhitelisted = new TreeSet<>(); // stringify(std::set) is sorted: "{ a, b }"
    for (String role : roles(info)) {
      if (roleWhitelist.isPresent() && !roleWhitelist.get().contains(role)) {
        notWhitelisted.add(role);
      }
    }
    if (!notWhitelisted.isEmpty()) {
      return Optional.of("Roles { " + String.join(", ", notWhitelisted) + " } are not present in the master's --roles");
    }
    if (info.getUser().equals("root") && !rootSubmissions) {
      return Optional.of("User 'root' is not allowed to run frameworks without --root_submissions set");
    }
    if (removed) {
      return Optional.of("Framework has been removed");
    }
    double failover = info.getFailoverTimeout();
    if (Math.abs(failover) > MAX_DURATION_SECONDS) {
      return Optional.of("The framework failover_timeout (" + cppDouble(failover) + ") is invalid");
    }
    return Optional.empty();
  }

  /** A re-subscribe may not change the principal, the user or checkpointing (validation.cpp:592-640). */
  static Optional<String> updateRefusal(FrameworkInfo old, FrameworkInfo next) {
    boolean samePrincipal = old.hasPrincipal() == next.hasPrincipal()
        && old.getPrincipal().equals(next.getPrincipal());
    if (!samePrincipal) {
      return Optional.of("Changing framework's principal is not allowed.");
    }
    if (!next.getUser().equals(old.getUser())) {
      return Optional.of("Updating 'FrameworkInfo.user' is unsupported; attempted to update from '"
          + old.getUser() + "' to '" + next.getUser() + "'");
    }
    if (next.getCheckpoint() != old.getCheckpoint()) {
      return Optional.of("Updating 'FrameworkInfo.checkpoint' is unsupported; attempted to update from '"
          + old.getCheckpoint() + "' to '" + next.getCheckpoint() + "'");
    }
    return Optional.empty();
  }

  static boolean isMultiRole(FrameworkInfo info) {
    return info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
  }

  /** The roles the framework subscribes with: {@code roles} if MULTI_ROLE, else the old {@code role}. */
  @SuppressWarnings("deprecation")
  static java.util.List<String> roles(FrameworkInfo info) {
    return isMultiRole(info) ? info.getRolesList() : java.util.List.of(info.getRole());
  }

  /** validation::framework::internal::validateRoles (src/master/validation.cpp:470-532). */
  @SuppressWarnings("deprecation")
  private static Optional<String> roleError(FrameworkInfo info) {
    boolean multiRole = isMultiRole(info);
    if (multiRole && info.hasRole()) {
      return Optional.of("'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable");
    }
    if (!multiRole && info.getRolesCount() > 0) {
      return Optional.of("'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable");
    }
    if (multiRole) {
      Set<String> seen = new LinkedHashSet<>();
      Set<String> duplicates = new LinkedHashSet<>();
      for (String role : info.getRolesList()) {
        if (!seen.add(role)) {
          duplicates.add(role);
        }
      }
      if (!duplicates.isEmpty()) {
        return Optional.of("'FrameworkInfo.roles' contains duplicate items: { " + String.join(", ", duplicates) + " }");
      }
      for (String role : info.getRolesList()) {
        Optional<String> error = roleSyntaxError(role);
        if (error.isPresent()) {
          return Optional.of("'FrameworkInfo.roles' contains invalid role: " + error.get());
        }
      }
      return Optional.empty();
    }
    return roleSyntaxError(info.getRole()).map(error -> "'FrameworkInfo.role' is not a valid role: " + error);
  }

  /** roles::validate (src/common/roles.cpp:85-141). */
  static Optional<String> roleSyntaxError(String role) {
    if (role.equals("*")) {
      return Optional.empty();
    }
    if (role.startsWith("/")) {
      return Optional.of("Role '" + role + "' cannot start with a slash");
    }
    if (role.endsWith("/")) {
      return Optional.of("Role '" + role + "' cannot end with a slash");
    }
    if (role.contains("//")) {
      return Optional.of("Role '" + role + "' cannot contain two adjacent slashes");
    }
    if (role.isEmpty()) {
      return Optional.of("Role names cannot be the empty string");
    }
    for (String component : role.split("/")) {
      switch (component) {
        case "." -> {
          return Optional.of("Role '" + role + "' cannot include '.' as a component");
        }
        case ".." -> {
          return Optional.of("Role '" + role + "' cannot include '..' as a component");
        }
        case "*" -> {
          return Optional.of("Role '" + role + "' cannot include '*' as a component");
        }
        default -> { }
      }
      if (component.startsWith("-")) {
        return Optional.of("Role component '" + component + "' is invalid because it starts with a dash");
      }
      if (component.chars().anyMatch(c -> c == 0x09 || c == 0x0a || c == 0x0b || c == 0x0c || c == 0x0d
          || c == 0x20 || c == 0x7f)) {
        return Optional.of("Role component '" + component + "' is invalid because it contains backspace or whitespace");
      }
    }
    return Optional.empty();
  }

  /**
   * A double as stout's stringify writes it (an ostream's default: %g with 6 significant digits,
   * trailing zeros dropped), e.g. {@code 1e+10}, {@code 120}, {@code 0.5}.
   */
  static String cppDouble(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return "0";
    }
    java.math.BigDecimal rounded = new java.math.BigDecimal(value).round(new java.math.MathContext(6));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      java.math.BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
          + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
