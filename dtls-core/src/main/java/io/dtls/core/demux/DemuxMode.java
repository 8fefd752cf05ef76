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
	ROUTER,

	/**
	 * A UDP socket per peer, bound to the server's address and port and connected to the peer,
	 * so that the kernel routes each peer's datagrams to its own socket and receive buffer. A
	 * peer that floods its socket fills only its own buffer. Costs a file descriptor per peer;
	 * Linux only.
	 */
	CONNECTED,

	/**
	 * {@link #CONNECTED} where the platform routes datagrams to connected sockets (Linux),
	 * {@link #ROUTER} elsewhere. Resolved when the server is built; a server never reports it
	 * as its mode.
	 */
	AUTO;

	/**
	 * Returns the mode that {@link #AUTO} stands for on this platform, or this mode otherwise.
	 */
	public DemuxMode resolve() {
		if (this != AUTO) {
			return this;
		}
		return ConnectedDemultiplexer.isSupported() ? CONNECTED : ROUTER;
	}

}
