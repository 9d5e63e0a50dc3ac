package io.dvdcli.plugin.codec;

import io.dvdcli.protocol.ActivateResponse;
import io.dvdcli.protocol.CapabilitiesResponse;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.protocol.GetResponse;
import io.dvdcli.protocol.ListResponse;
import io.dvdcli.protocol.MountpointResponse;
import io.dvdcli.protocol.VolumeEntry;
import java.util.List;

/** What both readers collect from an answer's top level, and the record of the asked type. */
final class AnswerFields {
  String err;
  String mountpoint;
  List<String> implementsList;
  VolumeEntry volume;
  List<VolumeEntry> volumes;
  CapabilitiesResponse.Capabilities capabilities;

  Object answer(Class<?> type) {
    if (type == ErrorResponse.class) {
      return new ErrorResponse(err);
    } else if (type == MountpointResponse.class) {
      return new MountpointResponse(mountpoint, err);
    } else if (type == ActivateResponse.class) {
      return new ActivateResponse(implementsList, err);
    } else if (type == GetResponse.class) {
      return new GetResponse(volume, err);
    } else if (type == ListResponse.class) {
      return new ListResponse(volumes, err);
    } else if (type == CapabilitiesResponse.class) {
      return new CapabilitiesResponse(capabilities, err);
    }
    throw new IllegalArgumentException("not a plugin answer: " + type);
  }
}
