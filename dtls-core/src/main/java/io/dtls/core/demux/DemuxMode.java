package io.dtls.core.demux;

/**
 * How a server routes datagrams to peers.
 *
 * @since 0.1.0
 */
public enum DemuxMode {

	/**
	 * One socket for all peers; a user-space table maps each source address to its peer.
	 * Portable, and one file descriptor whatever the number of peers.
	 */
	ROUTER

}
