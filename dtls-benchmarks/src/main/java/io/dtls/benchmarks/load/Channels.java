package io.dtls.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Opens the load generator's connections, one kind per transport.
 */
public final class Channels {

	private Channels() {
	}

	/**
	 * Returns an opener of plain UDP channels to {@code server}.
	 */
	public static ChannelOpener udp(InetSocketAddress server) {
		return (messageSize) -> new UdpChannel(server);
	}

	/**
	 * Returns an opener of plain TCP channels to {@code server}.
	 */
	public static ChannelOpener tcp(InetSocketAddress server) {
		return (messageSize) -> new StreamChannel(new Socket(server.getAddress(), server.getPort()), messageSize);
	}

	/**
	 * Returns an opener of TLS channels through the JDK's JSSE, with {@code protocol} (such as
	 * {@code TLSv1.3}) and {@code cipherSuite} only. The server certificate is not validated,
	 * as for the DTLS load generator.
	 */
	public static ChannelOpener tls(InetSocketAddress server, String protocol, String cipherSuite) {
		SSLContext context = trustingContext();
		return (messageSize) -> {
			SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.getAddress(), server.getPort());
			socket.setEnabledProtocols(new String[] { protocol });
			socket.setEnabledCipherSuites(new String[] { cipherSuite });
			socket.startHandshake();
			return new StreamChannel(socket, messageSize);
		};
	}

	/**
	 * Returns an opener of DTLS channels through the load generator's Bouncy Castle client.
	 */
	public static ChannelOpener dtls(InetSocketAddress server, DtlsSuite suite) {
		DtlsDialer dialer = new DtlsDialer(server, suite);
		return (messageSize) -> dialer.open();
	}

	private static SSLContext trustingContext() {
		X509TrustManager acceptAll = new X509TrustManager() {

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}

		};
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { acceptAll }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("TLS client context cannot be created: " + ex, ex);
		}
	}

	/**
	 * Opens one channel for messages of a given size.
	 */
	@FunctionalInterface
	public interface ChannelOpener {

		MessageChannel open(int messageSize) throws IOException;

	}

}
