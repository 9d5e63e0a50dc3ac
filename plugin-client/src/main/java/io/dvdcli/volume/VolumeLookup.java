package io.dvdcli.volume;

/**
 * What {@code VolumeDriver.Get} told us. Only {@link Missing} — a real "no such volume" — may lead to
 * an implicit Create; {@link Unknown} means the plugin cannot tell (it has no Get).
 */
public sealed interface VolumeLookup {
  record Found(Volume volume) implements VolumeLookup {}

  record Missing(String reason) implements VolumeLookup {}

  record Unknown(String reason) implements VolumeLookup {}
}
