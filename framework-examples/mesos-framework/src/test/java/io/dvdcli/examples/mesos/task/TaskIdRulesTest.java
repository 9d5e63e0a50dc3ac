package io.dvdcli.examples.mesos.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Item 5: the task ID ({@code NAME.<uuid>}) must pass Mesos's ID rules (src/common/validation.cpp:46-77
 * in 1.11.0), so a name that would make the master answer TASK_ERROR is a usage error instead.
 */
class TaskIdRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "a\\b", "tab\there", "new\nline", "del\u007f"})
  void aNameWithASlashABackslashOrAControlCharacterIsRefused_validationCpp66(String name) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> task(name));
    assertTrue(error.getMessage().contains("must not contain '/', '\\' or control characters"), error.getMessage());
  }

  @Test
  void theNamePlusTheUuidSuffixMustFitIn255Bytes_validationCpp52() {
    String longest = "é".repeat(109); // 218 bytes in UTF-8: with ".<uuid>" exactly 255
    assertEquals(longest, task(longest).name());
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> task(longest + "x"));
    assertEquals("task name is 219 bytes; with the '.<uuid>' of the task ID it must stay within Mesos's 255 bytes, "
        + "so at most 218 bytes", error.getMessage());
  }

  private static TaskSpec task(String name) {
    return new TaskSpec(name, "true", 0.1, 32, List.of());
  }
}
