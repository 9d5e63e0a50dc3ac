package io.dvdcli.csi.state;

import io.dvdcli.records.RecordFolder;
import java.nio.file.Path;

/** dvdcli-csi's record folders, named as they always were on disk: 32 hex digits of the key's digest. */
public final class CsiRecords {
  private static final int NAME_CHARS = 32;

  private CsiRecords() {}

  public static <T> RecordFolder<T> in(Path folder, Class<T> type) {
    return new RecordFolder<>(folder, type, NAME_CHARS);
  }
}
