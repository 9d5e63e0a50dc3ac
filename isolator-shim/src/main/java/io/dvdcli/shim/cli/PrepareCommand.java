package io.dvdcli.shim.cli;

import io.dvdcli.shim.ContainerContext;
import io.dvdcli.shim.PrepareResult;
import io.dvdcli.shim.VolumeRequest;
import io.dvdcli.shim.dvdi.DvdiVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Checkpoints and mounts a container's volumes; prints the host paths as JSON. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
    description = "Checkpoint, then mount each volume (all or nothing); print host paths as JSON.")
final class PrepareCommand implements Callable<Integer> {
  @ParentCommand ShimCommand root;
  @Mixin IsolatorOptions options;

  @Parameters(index = "0", paramLabel = "CONTAINER_ID") String containerId;

  @Option(names = "--volume", paramLabel = "SPEC",
      description = "driver=D,name=N[,container-path=P][,mode=rw|ro][,explicit-create][,opt=K=V]...")
  List<String> specs = new ArrayList<>();

  @Option(names = "--volumes-json", paramLabel = "FILE",
      description = "Volumes in the Mesos DockerVolumes JSON form (see README); '-' reads stdin")
  String volumesJson;

  @Option(names = "--from-env", description = "Take volumes from DVDI_VOLUME_* variables (mesos-module-dvdi)")
  boolean fromEnv;

  @Option(names = "--sandbox", paramLabel = "DIR", description = "The container's sandbox (relative container paths)")
  Path sandbox;

  @Option(names = "--user", paramLabel = "USER", description = "The task user (owner of the volumes with --chown)")
  String user;

  @Override
  public Integer call() throws IOException {
    List<VolumeRequest> requests = new ArrayList<>();
    for (String spec : specs) {
      requests.add(VolumeArgument.parse(spec));
    }
    if (volumesJson != null) {
      byte[] content = volumesJson.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(volumesJson));
      requests.addAll(VolumesFile.parse(content, volumesJson));
    }
    Path dvdcliOverride = null;
    if (fromEnv) {
      List<DvdiVolume> dvdi = DvdiVolumes.fromEnvironment(root.environment);
      dvdcliOverride = DvdiVolumes.dvdcli(dvdi);
      requests.addAll(DvdiVolumes.requests(dvdi));
    }
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("No volumes given: use --volume, --volumes-json or --from-env");
    }
    PrepareResult result = options.isolator(root.environment, dvdcliOverride)
        .prepare(containerId, requests, new ContainerContext(sandbox, user));
    AnswerJson.print(root.out, result);
    return 0;
  }
}
