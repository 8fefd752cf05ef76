package io.dtls.core.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import io.dtls.core.event.DropReason;
import org.jspecify.annotations.Nullable;

/**
 * Counts handshakes in progress, in total and per source address, and refuses a new one when
 * either limit is reached. The per-address limit keeps one host, or one spoofed address that
 * passed the cookie exchange, from taking every handshake slot.
 */
final class HandshakeLimiter {

	private final int maxHandshakes;

	private final int maxHandshakesPerAddress;

	private final Map<InetAddress, Integer> perAddress = new HashMap<>();

	private int total;

	HandshakeLimiter(int maxHandshakes, int maxHandshakesPerAddress) {
		this.maxHandshakes = maxHandshakes;
		this.maxHandshakesPerAddress = maxHandshakesPerAddress;
	}

	/**
	 * Takes a slot for a handshake from {@code address}.
	 * @return {@code null} when a slot was taken, otherwise the limit that refused it
	 */
	synchronized @Nullable DropReason tryAcquire(InetAddress address) {
		if (this.total >= this.maxHandshakes) {
			return DropReason.HANDSHAKE_LIMIT;
		}
		int count = this.perAddress.getOrDefault(address, 0);
		if (count >= this.maxHandshakesPerAddress) {
			return DropReason.HANDSHAKES_PER_ADDRESS_LIMIT;
		}
		this.perAddress.put(address, count + 1);
		this.total++;
		return null;
	}

	synchronized void release(InetAddress address) {
		Integer count = this.perAddress.get(address);
		if (count == null) {
			return;
		}
		if (count <= 1) {
			this.perAddress.remove(address);
		}
		else {
			this.perAddress.put(address, count - 1);
		}
		this.total--;
	}

	synchronized int inProgress() {
		return this.total;
	}

}
