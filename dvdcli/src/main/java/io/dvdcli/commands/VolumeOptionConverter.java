package io.dvdcli.commands;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli's converter for {@code --volumeopts}: {@link VolumeOption#parse}, its message the usage error. */
public final class VolumeOptionConverter implements ITypeConverter<VolumeOption> {
  @Override
  public VolumeOption convert(String text) {
    try {
      return VolumeOption.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
