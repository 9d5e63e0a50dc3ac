package io.dvdcli.examples.marathon.app;

/** An app's explicit {@code upgradeStrategy}. */
public record UpgradeStrategy(double minimumHealthCapacity, double maximumOverCapacity) {}
