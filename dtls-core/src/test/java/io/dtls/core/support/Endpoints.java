package io.dtls.core.support;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Loopback addresses for tests, with port 0 so that the kernel picks a free port.
 */
public final class Endpoints {

	private Endpoints() {
	}

	public static InetSocketAddress ipv4() {
		return loopback("127.0.0.1");
	}

	public static InetSocketAddress ipv6() {
		return loopback("::1");
	}

	private static InetSocketAddress loopback(String address) {
		try {
			return new InetSocketAddress(InetAddress.getByName(address), 0);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
