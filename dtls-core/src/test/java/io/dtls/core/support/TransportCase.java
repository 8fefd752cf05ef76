package io.dtls.core.support;

import java.net.InetSocketAddress;
import java.util.List;

import io.dtls.core.demux.ConnectedDemultiplexer;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.server.DtlsServerBuilder;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One cell of the transport matrix that networked engine tests run across: a demultiplexer
 * and an address family. Test methods take it as a parameter through {@link TransportMatrixTest},
 * so that each combination is reported by name, such as {@code connected/IPv6}.
 */
public record TransportCase(DemuxMode demux, boolean ipv6) {

	/**
	 * Returns every combination of {@link DemuxMode#ROUTER} and {@link DemuxMode#CONNECTED}
	 * with IPv4 and IPv6.
	 */
	public static List<TransportCase> all() {
		return List.of(new TransportCase(DemuxMode.ROUTER, false), new TransportCase(DemuxMode.ROUTER, true),
				new TransportCase(DemuxMode.CONNECTED, false), new TransportCase(DemuxMode.CONNECTED, true));
	}

	/**
	 * Returns the loopback address of this case's family, with port 0.
	 */
	public InetSocketAddress loopback() {
		return this.ipv6 ? Endpoints.ipv6() : Endpoints.ipv4();
	}

	/**
	 * Returns the loopback address of this case's family as a literal for a client to connect to.
	 */
	public String host() {
		return this.ipv6 ? "::1" : "127.0.0.1";
	}

	/**
	 * Returns the loopback address that peer number {@code index} of a test sends from, so that
	 * peers can differ by address: {@code 127.0.0.index} on IPv4. IPv6 has the single loopback
	 * address {@code ::1}, so there every peer sends from it and peers differ by port only.
	 */
	public String peerHost(int index) {
		if (index < 1 || index > 254) {
			throw new IllegalArgumentException("Peer index must be between 1 and 254, but was " + index);
		}
		return this.ipv6 ? "::1" : "127.0.0." + index;
	}

	/**
	 * Binds the server to this case's loopback address and sets its demultiplexer. Aborts the
	 * calling test, which then counts as skipped, where the platform lacks the demultiplexer.
	 */
	public DtlsServerBuilder apply(DtlsServerBuilder builder) {
		assumeTrue(this.demux != DemuxMode.CONNECTED || ConnectedDemultiplexer.isSupported(),
				"The connected-socket demultiplexer needs Linux");
		return builder.bindAddress(loopback()).demux(this.demux);
	}

	@Override
	public String toString() {
		return this.demux.name().toLowerCase(java.util.Locale.ROOT) + "/" + (this.ipv6 ? "IPv6" : "IPv4");
	}

}
