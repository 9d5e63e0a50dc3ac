package io.dvdcli.flexvolume;

import io.dvdcli.records.Digests;
import java.nio.file.Path;

/**
 * The mount ID sent with the plugin's Mount and Unmount: one per pod and volume, so a plugin that
 * counts its consumers (as Docker's protocol asks) keeps a volume mounted while any pod still uses
 * it. kubelet's folder {@code <root>/pods/<pod uid>/volumes/<vendor~driver>/<volume>} is itself unique
 * per pod and volume, so the ID is {@code k8s-<pod uid>-<volume folder>}; the pod uid comes from
 * kubelet's {@code kubernetes.io/pod.uid} option, else from the folder's path, else the ID is a hash
 * of the folder. It is kept in the mount record, never derived again at unmount.
 */
final class PodVolumeId {
  private PodVolumeId() {}

  static String of(String podUid, String target) {
    Path folder = Path.of(target);
    Path name = folder.getFileName();
    String uid = podUid != null ? podUid : uidFromPath(folder);
    if (uid != null && name != null) {
      return "k8s-" + uid + "-" + name;
    }
    return "k8s-" + Digests.sha256Hex(target).substring(0, 32);
  }

  /** {@code .../pods/<uid>/volumes/<driver>/<volume>}, kubelet's layout (GetPodVolumeDir). */
  private static String uidFromPath(Path folder) {
    int n = folder.getNameCount();
    if (n >= 5 && folder.getName(n - 5).toString().equals("pods") && folder.getName(n - 3).toString().equals("volumes")) {
      return folder.getName(n - 4).toString();
    }
    return null;
  }
}
