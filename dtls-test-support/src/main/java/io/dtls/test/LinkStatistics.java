package io.dtls.test;

/**
 * Counts of what one direction of a {@link LossyUdpProxy} did.
 *
 * @param received datagrams that entered the proxy in this direction
 * @param dropped datagrams the proxy discarded
 * @param forwarded datagrams the proxy sent on, duplicates included
 * @param duplicated datagrams the proxy sent twice
 * @param reordered datagrams the proxy held back so that later ones overtook them
 * @since 0.1.0
 */
public record LinkStatistics(long received, long dropped, long forwarded, long duplicated, long reordered) {
}
