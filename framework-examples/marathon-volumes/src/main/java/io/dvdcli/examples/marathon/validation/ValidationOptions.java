package io.dvdcli.examples.marathon.validation;

/**
 * Where this validator may knowingly differ from Marathon; every flag off is Marathon's behaviour.
 *
 * @param allowManagedPlugins accept Docker managed-plugin references such as {@code rexray/ebs} or
 *     {@code vieux/sshfs:latest} as {@code dvdi/driver}; Marathon's label rule rejects the slash
 *     and colon although the agent's isolator passes any driver name on to dvdcli
 * @param acceptOverwritefsFalse accept {@code "false"} for rexray's {@code dvdi/overwritefs};
 *     Marathon's check takes the parsed value as the verdict, so only "true" ever passes
 */
public record ValidationOptions(boolean allowManagedPlugins, boolean acceptOverwritefsFalse) {
  public static final ValidationOptions MARATHON = new ValidationOptions(false, false);
}
