package io.dtls.spring.autoconfigure;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;

import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.credentials.PskStore;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds the auto-configured server from the {@code dtls.server.*} properties, checking each
 * value and naming the property when one is invalid.
 */
final class DtlsServerFactory {

	private DtlsServerFactory() {
	}

	static DtlsServer create(DtlsProperties.Server properties, @Nullable SslBundles bundles,
			@Nullable PskStore pskBean, DtlsConnectionHandler handler, Executor executor, DtlsEventListener events,
			List<DtlsServerCustomizer> customizers) {
		PropertyChecks.port("dtls.server.port", properties.getPort());
		PropertyChecks.positive("dtls.server.max-connections", properties.getMaxConnections());
		PropertyChecks.positive("dtls.server.max-handshakes", properties.getMaxHandshakes());
		PropertyChecks.positive("dtls.server.handshakes-per-address", properties.getHandshakesPerAddress());
		PropertyChecks.positive("dtls.server.inbound-queue-capacity", properties.getInboundQueueCapacity());
		PropertyChecks.positive("dtls.server.handshake-timeout", properties.getHandshakeTimeout());
		PropertyChecks.notNegative("dtls.server.idle-timeout", properties.getIdleTimeout());
		PropertyChecks.positive("dtls.server.cookie-secret-rotation", properties.getCookieSecretRotation());

		DtlsServerBuilder builder = DtlsServer.builder()
			.bindAddress((properties.getAddress() != null)
					? new InetSocketAddress(properties.getAddress(), properties.getPort())
					: new InetSocketAddress(properties.getPort()))
			.handler(handler)
			.executor(executor)
			.eventListener(events)
			.clientAuth(properties.getClientAuth())
			.maxConnections(properties.getMaxConnections(), properties.getMaxConnectionsPolicy())
			.maxHandshakes(properties.getMaxHandshakes())
			.maxHandshakesPerAddress(properties.getHandshakesPerAddress())
			.handshakeTimeout(properties.getHandshakeTimeout())
			.idleTimeout(properties.getIdleTimeout())
			.maxDatagramSize(PropertyChecks.datagramSize("dtls.server.max-datagram-size",
					properties.getMaxDatagramSize()))
			.inboundQueueCapacity(properties.getInboundQueueCapacity())
			.maxHandshakeMessageLength(PropertyChecks.handshakeMessageSize("dtls.server.max-handshake-message-size",
					properties.getMaxHandshakeMessageSize()))
			.cookieSecretRotation(properties.getCookieSecretRotation())
			.cryptoBackend(properties.getCryptoBackend())
			.demux(properties.getDemux())
			.legacyDtls10(properties.isLegacyDtls10());
		if (!properties.getCipherSuites().isEmpty()) {
			builder.cipherSuites(PropertyChecks.convert("dtls.server.cipher-suites", properties.getCipherSuites(),
					() -> DtlsCipherSuite.forNames(properties.getCipherSuites())));
		}
		ServerKeyMaterial.apply(properties, bundles, pskBean, builder);
		customizers.forEach((customizer) -> customizer.customize(builder));
		return PropertyChecks.convert("dtls.server", "(see message)", builder::build);
	}

}
