package io.dvdcli.shim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The shell-script dvdcli: what is mounted is a flag file per volume. */
public final class FakeBackend implements Backend {
  private final FakeDvdcli fake;

  public FakeBackend(Path dir) throws IOException {
    this.fake = FakeDvdcli.in(dir);
  }

  public FakeDvdcli fake() {
    return fake;
  }

  @Override public Path dvdcli() { return fake.path(); }
  @Override public Map<String, String> environment() { return Map.of(); }
  @Override public String driver() { return "fake"; }
  @Override public boolean isMounted(String name) { return fake.isMounted(driver(), name); }
  @Override public void breakUnmounts(String name) throws IOException { fake.toggle("fail-unmount", name, true); }
  @Override public void repair(String name) throws IOException { fake.toggle("fail-unmount", name, false); }
  @Override public void close() {}
}
