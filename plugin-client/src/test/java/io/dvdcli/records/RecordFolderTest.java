package io.dvdcli.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordFolderTest {
  record Note(String key, int count) {}

  @TempDir
  Path tmp;

  @Test
  void aSavedRecordIsFoundByItsKeyUntilItIsDeleted() throws Exception {
    RecordFolder<Note> folder = new RecordFolder<>(tmp.resolve("notes"), Note.class, 32);
    assertEquals(Optional.empty(), folder.find("/var/lib/kubelet/pods/a"));
    folder.save("/var/lib/kubelet/pods/a", new Note("a", 1));
    folder.save("/var/lib/kubelet/pods/a", new Note("a", 2));
    assertEquals(Optional.of(new Note("a", 2)), folder.find("/var/lib/kubelet/pods/a"));
    folder.delete("/var/lib/kubelet/pods/a");
    assertEquals(Optional.empty(), folder.find("/var/lib/kubelet/pods/a"));
  }

  @ParameterizedTest(name = "{0} hex digits")
  @ValueSource(ints = {32, 64})
  void aRecordsFileIsNamedByTheGivenDigitsOfItsKeysDigestAndOnlyItsOwnerMayReadIt(int digits) throws Exception {
    RecordFolder<Note> folder = new RecordFolder<>(tmp.resolve("n" + digits), Note.class, digits);
    folder.save("any key, even ../a path", new Note("k", 1));
    Path file = folder.file("any key, even ../a path");
    assertEquals(Digests.sha256Hex("any key, even ../a path").substring(0, digits) + ".json", file.getFileName().toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.folder())));
    assertEquals(List.of(file), Files.list(folder.folder()).toList(), "no temporary file is left");
  }

  @Test
  void anUnreadableRecordFailsItsOwnLookupAndTheFullListingButNotTheReadableOne() throws Exception {
    RecordFolder<Note> folder = new RecordFolder<>(tmp.resolve("notes"), Note.class, 32);
    folder.save("good", new Note("good", 1));
    folder.save("bad", new Note("bad", 1));
    Files.write(folder.file("bad"), new byte[7]);

    RecordFolder.UnreadableRecordException e =
        assertThrows(RecordFolder.UnreadableRecordException.class, () -> folder.find("bad"));
    assertEquals(folder.file("bad"), e.file());
    assertEquals(7, e.bytes());
    assertThrows(RecordFolder.UnreadableRecordException.class, folder::all);
    assertEquals(List.of(new Note("good", 1)), folder.allReadable());
  }

  @Test
  void aFolderNotYetWrittenHoldsNoRecords() throws Exception {
    RecordFolder<Note> folder = new RecordFolder<>(tmp.resolve("never"), Note.class, 64);
    assertTrue(folder.all().isEmpty());
    folder.delete("nothing");
  }
}
