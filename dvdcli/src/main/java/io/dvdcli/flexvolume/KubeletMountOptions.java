package io.dvdcli.flexvolume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the JSON argument of {@code mount} asks for. kubelet builds it in {@code driver-call.go}
 * ({@code NewOptionsForDriver}): {@code kubernetes.io/fsType}, {@code kubernetes.io/readwrite},
 * {@code kubernetes.io/pvOrVolumeName}, the pod's name, namespace, uid and service account,
 * {@code kubernetes.io/secret/<key>} (base64, from {@code util.go} addSecretsToOptions), and last the
 * pod's {@code flexVolume.options}, which override any of these.
 *
 * @param volumeName option {@code name}, else the PV or pod volume name
 * @param readOnly {@code kubernetes.io/readwrite} is {@code ro}
 * @param podUid the pod's uid, or null when kubelet did not say
 * @param pluginOptions what Create gets: the user's options without {@code name} and
 *     {@code kubernetes.io/*}, plus each secret's decoded value under its own key
 */
public record KubeletMountOptions(String volumeName, boolean readOnly, String podUid, Map<String, String> pluginOptions) {
  static final String NAME = "name";
  static final String KUBERNETES = "kubernetes.io/";
  static final String SECRET = "kubernetes.io/secret/";
  static final String READ_WRITE = "kubernetes.io/readwrite";
  static final String PV_OR_VOLUME_NAME = "kubernetes.io/pvOrVolumeName";
  static final String POD_UID = "kubernetes.io/pod.uid";

  private static final ObjectMapper JSON = new ObjectMapper();

  public KubeletMountOptions {
    pluginOptions = Map.copyOf(pluginOptions);
  }

  /** The options as kubelet passes them: one flat JSON object of strings. */
  public static KubeletMountOptions parse(String json) throws FlexvolumeException {
    Map<String, String> options;
    try {
      options = JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      // Jackson's message may quote the input, secrets included: say only where it broke.
      throw new FlexvolumeException("the options argument is not a JSON object of strings (at "
          + (e.getLocation() == null ? "?" : "column " + e.getLocation().getColumnNr()) + ")");
    }
    if (options == null) {
      throw new FlexvolumeException("the options argument is not a JSON object of strings");
    }
    return of(options);
  }

  static KubeletMountOptions of(Map<String, String> options) throws FlexvolumeException {
    String name = nonEmpty(options.get(NAME));
    if (name == null) {
      name = nonEmpty(options.get(PV_OR_VOLUME_NAME));
    }
    if (name == null) {
      throw new FlexvolumeException("no volume name: set option 'name' (or kubelet's '" + PV_OR_VOLUME_NAME + "' is missing)");
    }
    Map<String, String> forPlugin = new TreeMap<>();
    options.forEach((key, value) -> {
      if (!key.equals(NAME) && !key.startsWith(KUBERNETES) && value != null) {
        forPlugin.put(key, value);
      }
    });
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().startsWith(SECRET)) {
        String key = e.getKey().substring(SECRET.length());
        if (key.isEmpty()) {
          continue;
        }
        if (forPlugin.containsKey(key)) {
          throw new FlexvolumeException("option '" + key + "' is given both in flexVolume.options and in the secret; keep one");
        }
        forPlugin.put(key, decodeSecret(key, e.getValue()));
      }
    }
    return new KubeletMountOptions(name, "ro".equals(options.get(READ_WRITE)), nonEmpty(options.get(POD_UID)), forPlugin);
  }

  /** kubelet base64-encodes each secret value ({@code base64.StdEncoding}); never quote the value. */
  private static String decodeSecret(String key, String value) throws FlexvolumeException {
    try {
      byte[] bytes = Base64.getDecoder().decode(value == null ? "" : value);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw new FlexvolumeException("the secret's value for '" + key + "' is not base64 of UTF-8 text");
    }
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Never the option values: secrets are among them. */
  @Override
  public String toString() {
    return "KubeletMountOptions[volumeName=" + volumeName + ", readOnly=" + readOnly + ", podUid=" + podUid
        + ", options=" + pluginOptions.keySet() + "]";
  }
}
