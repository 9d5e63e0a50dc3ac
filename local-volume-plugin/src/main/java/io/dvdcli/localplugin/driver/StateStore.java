package io.dvdcli.localplugin.driver;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code state.json}. A write goes to a temp file that is fsynced and then
 * renamed over the old one, so a crash leaves either the old state or the new one, never half.
 */
final class StateStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The file's top level; a version field leaves room to change the format later. */
  record StateFile(
      @JsonProperty("version") int version, @JsonProperty("volumes") List<StoredVolume> volumes) {
    StateFile {
      volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }
  }

  private final VolumeLayout layout;

  StateStore(VolumeLayout layout) {
    this.layout = layout;
  }

  /** The stored volumes; empty when there is no state file or it is empty. */
  Optional<List<StoredVolume>> read() throws IOException {
    if (!Files.exists(layout.stateFile())) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(layout.stateFile());
    } catch (IOException e) {
      throw readFailure(IoErrors.describe(e), e);
    }
    if (bytes.length == 0) {
      return Optional.empty();
    }
    StateFile file;
    try {
      file = JSON.readValue(bytes, StateFile.class);
    } catch (JsonProcessingException e) {
      // The original message: Jackson's full one spans lines with the source location.
      throw readFailure("not a state file: " + e.getOriginalMessage().replace('\n', ' '), e);
    } catch (IOException e) {
      throw readFailure(IoErrors.describe(e), e);
    }
    if (file == null || file.version() != 1) {
      throw readFailure("unknown state version " + (file == null ? "null" : file.version()), null);
    }
    return Optional.of(file.volumes());
  }

  private IOException readFailure(String cause, Exception e) {
    return new IOException("Failed to read state '" + layout.stateFile() + "': " + cause, e);
  }

  void write(Collection<StoredVolume> volumes) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(new StateFile(1, List.copyOf(volumes)));
    try {
      Files.deleteIfExists(layout.stateTempFile());
      try (FileChannel out =
          FileChannel.open(
              layout.stateTempFile(),
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(
          layout.stateTempFile(),
          layout.stateFile(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      syncDirectory();
    } catch (IOException e) {
      throw new IOException(
          "Failed to write state '" + layout.stateFile() + "': " + IoErrors.describe(e), e);
    }
  }

  /** Makes the rename itself durable; some file systems cannot sync a directory, that is fine. */
  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(layout.root(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // The data is synced; only the rename's durability is at the file system's mercy.
    }
  }
}
