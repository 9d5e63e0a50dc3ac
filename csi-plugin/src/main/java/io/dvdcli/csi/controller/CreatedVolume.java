package io.dvdcli.csi.controller;

/**
 * A volume CreateVolume made (or found already there), remembered so that the same name asked
 * again with another capacity or other parameters is ALREADY_EXISTS, as the spec requires, and so
 * that ListVolumes can report capacities and knows which plugins to ask.
 *
 * @param parameters a digest of the StorageClass parameters (they may hold secrets)
 */
public record CreatedVolume(String volumeId, String driver, String volume, long capacityBytes, String parameters) {}
