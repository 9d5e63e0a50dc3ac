package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.records.Digests;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeletMountOptionsTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String kubelet(Map<String, String> extra) {
    Map<String, String> options = new TreeMap<>(Map.of(
        "kubernetes.io/fsType", "", "kubernetes.io/readwrite", "rw", "kubernetes.io/pvOrVolumeName", "pv-1",
        "kubernetes.io/pod.name", "web", "kubernetes.io/pod.namespace", "default",
        "kubernetes.io/pod.uid", "7d3c", "kubernetes.io/serviceAccount.name", "default"));
    options.putAll(extra);
    return GoJson.marshal(options);
  }

  @Test
  void theVolumeIsThePvOrVolumeNameAndThePluginGetsNoKubernetesKeys() throws Exception {
    KubeletMountOptions r = KubeletMountOptions.parse(kubelet(Map.of("size", "5")));
    assertEquals("pv-1", r.volumeName());
    assertEquals("7d3c", r.podUid());
    assertFalse(r.readOnly());
    assertEquals(Map.of("size", "5"), r.pluginOptions());
  }

  @Test
  void optionNameWinsAndIsNotPassedOn() throws Exception {
    KubeletMountOptions r = KubeletMountOptions.parse(kubelet(Map.of("name", "pgdata", "o", "addr=10.0.0.5,rw")));
    assertEquals("pgdata", r.volumeName());
    assertEquals(Map.of("o", "addr=10.0.0.5,rw"), r.pluginOptions());
  }

  @Test
  void secretsAreDecodedAndNeverShown() throws Exception {
    KubeletMountOptions r = KubeletMountOptions.parse(kubelet(Map.of("kubernetes.io/secret/password", b64("p<a>ss&"))));
    assertEquals(Map.of("password", "p<a>ss&"), r.pluginOptions());
    assertFalse(r.toString().contains("ss&"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not json|the options argument is not a JSON object of strings",
      "[]|the options argument is not a JSON object of strings",
      "{\"kubernetes.io/readwrite\":\"rw\"}|no volume name",
      "{\"name\":\"v\",\"kubernetes.io/secret/k\":\"%%%\"}|the secret's value for 'k' is not base64",
      "{\"name\":\"v\",\"k\":\"1\",\"kubernetes.io/secret/k\":\"MQ==\"}|option 'k' is given both",
  })
  void badOptionsAreOneClearFailure(String json, String start) {
    FlexvolumeException e = assertThrows(FlexvolumeException.class, () -> KubeletMountOptions.parse(json));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }

  @Test
  void roIsReadOnly() throws Exception {
    assertTrue(KubeletMountOptions.parse(kubelet(Map.of("kubernetes.io/readwrite", "ro"))).readOnly());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "7d3c, /var/lib/kubelet/pods/7d3c/volumes/dvdcli~x/data, k8s-7d3c-data",
      ", /var/lib/kubelet/pods/9f00/volumes/dvdcli~x/data, k8s-9f00-data",
  })
  void theMountIdIsThePodUidAndTheVolumeFolder(String uid, String target, String id) {
    assertEquals(id, PodVolumeId.of(uid, target));
  }

  @Test
  void outsideKubeletsLayoutTheMountIdIsAStableHashOfTheFolder() {
    String id = PodVolumeId.of(null, "/somewhere/else");
    assertEquals("k8s-" + Digests.sha256Hex("/somewhere/else").substring(0, 32), id);
  }
}
