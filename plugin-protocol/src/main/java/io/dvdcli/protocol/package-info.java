/**
 * The Docker volume plugin protocol as it travels on the wire: one record per request and answer,
 * with the protocol's own field names, shared by the dvdcli client and the reference plugin so that
 * the two cannot drift apart. Mapping to domain values and defaults lives in the client, not here.
 *
 * <p>Source: Docker's {@code pkg/plugins} and {@code volume/drivers/proxy.go}, and the Docker docs
 * page "Docker volume plugins".
 */
package io.dvdcli.protocol;
