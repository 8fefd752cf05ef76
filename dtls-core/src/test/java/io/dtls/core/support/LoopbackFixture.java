package io.dtls.core.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dtls.core.client.DtlsClient;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;

/**
 * Servers and clients of one test on IPv4 loopback, with certificates from one test PKI,
 * closed in reverse order of creation by {@link #close()}.
 */
public final class LoopbackFixture implements AutoCloseable {

	private final TestPki pki;

	private final List<AutoCloseable> resources = new ArrayList<>();

	public LoopbackFixture(TestPki pki) {
		this.pki = pki;
	}

	/**
	 * Builds and starts a server on a free loopback port with the PKI's server certificate.
	 */
	public DtlsServer server(DtlsServerBuilder builder) {
		DtlsServer server = builder.bindAddress(Endpoints.ipv4()).credentials(this.pki.server(false)).build();
		server.start();
		this.resources.add(0, server);
		return server;
	}

	/**
	 * Builds a client that trusts the PKI, with a connect timeout of 10 seconds.
	 */
	public DtlsClient client() {
		DtlsClient client = DtlsClient.builder()
			.trust(this.pki.trust())
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		this.resources.add(0, client);
		return client;
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

}
