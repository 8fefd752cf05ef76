package io.dtls.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DTLS echo server on the engine alone: it answers every message with the same bytes.
 * It listens on UDP port 5684, or the port given as the first argument, with a freshly
 * generated self-signed certificate.
 */
public final class SampleApplication {

	private static final Logger logger = LoggerFactory.getLogger(SampleApplication.class);

	private SampleApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 5684;
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
		logger.warn("Using a self-signed development certificate, SHA-256 fingerprint {}",
				SelfSignedCertificateGenerator.sha256Fingerprint(credentials.leafCertificate()));
		DtlsServer server = DtlsServer.builder().port(port).credentials(credentials).handler(new Echo()).build();
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(10)), "dtls-shutdown"));
		Thread.currentThread().join();
	}

	private static final class Echo implements DtlsConnectionHandler {

		@Override
		public void onOpened(DtlsConnection connection) {
			logger.info("Peer {} connected with {}", connection.peerAddress(), connection.session().cipherSuite());
		}

		@Override
		public void onMessage(DtlsConnection connection, byte[] payload) {
			logger.info("Echoing {} bytes to {}: {}", payload.length, connection.peerAddress(),
					new String(payload, StandardCharsets.UTF_8).strip());
			connection.send(payload);
		}

	}

}
