package io.dvdcli.protocol;

import java.util.List;

/** The record of the given answer type, from the fields both readers collect. */
final class AnswerFields {
  private AnswerFields() {}

  static Object answer(Class<?> type, String err, String mountpoint, List<String> implementsList,
      VolumeEntry volume, List<VolumeEntry> volumes, CapabilitiesResponse.Capabilities capabilities) {
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
