package io.dtls.spring.core;

import java.net.InetSocketAddress;

import io.dtls.core.DtlsConfigurationException;

/**
 * A remote DTLS server as {@code host:port}, with IPv6 literals in brackets
 * ({@code [::1]:5684}).
 *
 * @param host the host name or address literal, without brackets
 * @param port the UDP port
 * @since 0.1.0
 */
public record DtlsDestination(String host, int port) {

	public DtlsDestination {
		if (host.isBlank()) {
			throw new DtlsConfigurationException("DTLS destination host is empty");
		}
		if (port < 1 || port > 65535) {
			throw new DtlsConfigurationException("DTLS destination port must be between 1 and 65535, but was " + port);
		}
	}

	/**
	 * Creates the destination of a socket address: its IP address literal, or its host name
	 * when it is unresolved.
	 */
	public static DtlsDestination of(InetSocketAddress address) {
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		return new DtlsDestination(host, address.getPort());
	}

	/**
	 * Parses {@code host:port} or {@code [ipv6]:port}.
	 * @throws DtlsConfigurationException if the text is not of that form
	 */
	public static DtlsDestination parse(String text) {
		String trimmed = text.trim();
		int colon = trimmed.lastIndexOf(':');
		if (colon <= 0 || colon == trimmed.length() - 1) {
			throw invalid(text);
		}
		String host = trimmed.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.contains(":")) {
			throw invalid(text);
		}
		try {
			return new DtlsDestination(host, Integer.parseInt(trimmed.substring(colon + 1)));
		}
		catch (NumberFormatException ex) {
			throw invalid(text);
		}
	}

	private static DtlsConfigurationException invalid(String text) {
		return new DtlsConfigurationException("Invalid DTLS destination '" + text
				+ "'; use host:port, with IPv6 addresses in brackets such as [::1]:5684");
	}

	@Override
	public String toString() {
		return (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

}
