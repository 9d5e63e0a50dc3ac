package io.dvdcli.shim.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Kills a process and everything it started, as the agent's {@code os::killtree} does. */
public final class ProcessTree {
  private ProcessTree() {}

  /**
   * SIGKILLs the process and its descendants. Children are listed before the parent dies, while
   * they are still its descendants, and stopped parent-first so none can start more.
   */
  public static void kill(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    for (ProcessHandle p : tree) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception notYet) {
        // An unkillable process (stuck in the kernel): nothing more can be done from here.
      }
    }
  }
}
