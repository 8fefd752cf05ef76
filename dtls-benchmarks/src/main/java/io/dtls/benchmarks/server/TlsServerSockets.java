package io.dtls.benchmarks.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import io.dtls.core.credentials.X509Credentials;

/**
 * Server sockets of the JDK's JSSE for one TLS version and one cipher suite.
 */
final class TlsServerSockets {

	private static final char[] PASSWORD = "benchmark".toCharArray();

	private TlsServerSockets() {
	}

	/**
	 * Opens a plain TCP server socket.
	 */
	static ServerSocket plain(InetSocketAddress bindAddress) {
		try {
			return new ServerSocket(bindAddress.getPort(), 50, bindAddress.getAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Opens a TLS server socket that accepts only {@code protocol} (such as {@code TLSv1.3})
	 * with {@code cipherSuite}, presenting {@code credentials}.
	 */
	static ServerSocket tls(InetSocketAddress bindAddress, X509Credentials credentials, String protocol,
			String cipherSuite) {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry("server", credentials.privateKey(), PASSWORD,
					credentials.certificateChain().toArray(Certificate[]::new));
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
				.createServerSocket(bindAddress.getPort(), 50, bindAddress.getAddress());
			socket.setEnabledProtocols(new String[] { protocol });
			socket.setEnabledCipherSuites(new String[] { cipherSuite });
			return socket;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("TLS server socket for " + protocol + " cannot be created: " + ex, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
