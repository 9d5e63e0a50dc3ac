/**
 * The Docker volume plugin protocol as it travels on the wire: one record per request and answer,
 * with the protocol's own field names, shared by the dvdcli client and the reference plugin so that
 * the two cannot drift apart. Records only: each side's codec lives with it (the client's
 * {@code io.dvdcli.plugin.codec}, the reference plugin's {@code ServerJson}), and mapping to domain
 * values and defaults lives in the client.
 *
 * <p>Source: Docker's {@code pkg/plugins} and {@code volume/drivers/proxy.go}, and the Docker docs
 * page "Docker volume plugins".
 */
package io.dvdcli.protocol;
