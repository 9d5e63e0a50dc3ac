package io.dvdcli.localplugin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dvdcli.localplugin.driver.DirectoryVolume;
import io.dvdcli.untrusted.SecretKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusViewTest {

  @ParameterizedTest(name = "{0} masked: {1}")
  @CsvSource({
    "password, true",
    "Password, true",
    "db_passwd, true",
    "secret, true",
    "clientSecret, true",
    "token, true",
    "AUTH_TOKEN, true",
    "key, true",
    "accessKey, true",
    "ssh_key_file, true",
    "credentials, true",
    "size, false",
    "sshcmd, false",
    "volumetype, false",
    "iops, false"
  })
  void optionsWhoseKeyLooksLikeACredentialAreMasked(String key, boolean masked) {
    assertEquals(masked, SecretKeys.looksSecret(key));
  }

  @Test
  void statusListsMountIdsAndOptionsWithSecretsMasked() {
    DirectoryVolume volume =
        new DirectoryVolume("v", Path.of("/r/volumes/v/_data"), Instant.EPOCH, Map.of("size", "5", "token", "abc"), Set.of("b", "a"));
    assertEquals(
        Map.of("mountIds", List.of("a", "b"), "options", Map.of("size", "5", "token", StatusView.MASK)),
        StatusView.of(volume));
  }
}
