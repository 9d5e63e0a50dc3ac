package io.dvdcli.shim;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls the stand-ins for dvdcli and the host were asked to make, in one order, so that a test
 * can assert that a bind mount was taken away before its volume was unmounted. Failed calls are
 * recorded too: an attempt is what a rule is about.
 */
final class CallLog {
  private final List<String> calls = new ArrayList<>();

  synchronized void add(String call) {
    calls.add(call);
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** Forgets what happened so far, e.g. after the prepare a cleanup test starts from. */
  synchronized void clear() {
    calls.clear();
  }
}
