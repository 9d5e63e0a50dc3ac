package io.dvdcli.shim;

/**
 * Called at each named step of prepare and cleanup (e.g. {@code prepare:after-checkpoint}). The
 * library uses {@link #NONE}; the command line installs a test seam that pauses at one step so
 * that a test can kill -9 the process exactly there (see {@code ISOLATOR_SHIM_CRASH_AT}).
 */
@FunctionalInterface
public interface StepHook {
  StepHook NONE = step -> {};

  void reached(String step);
}
