package io.dtls.core.event;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.HandshakeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Counters of an endpoint's events, kept by every server and client. Reading is cheap and
 * thread-safe; the values only grow.
 *
 * @since 0.1.0
 */
public final class DtlsStatistics implements DtlsEventListener {

	private final LongAdder datagramsReceived = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder datagramsSent = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder helloVerifyRequests = new LongAdder();

	private final LongAdder helloVerifyRequestBytes = new LongAdder();

	private final LongAdder handshakesStarted = new LongAdder();

	private final LongAdder handshakesCompleted = new LongAdder();

	private final LongAdder connectionsOpened = new LongAdder();

	private final LongAdder connectionsClosed = new LongAdder();

	private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);

	private final Map<HandshakeFailure, LongAdder> handshakeFailures = new EnumMap<>(HandshakeFailure.class);

	public DtlsStatistics() {
		for (DropReason reason : DropReason.values()) {
			this.drops.put(reason, new LongAdder());
		}
		for (HandshakeFailure failure : HandshakeFailure.values()) {
			this.handshakeFailures.put(failure, new LongAdder());
		}
	}

	@Override
	public void handshakeStarted(InetSocketAddress peer, DtlsRole role) {
		this.handshakesStarted.increment();
	}

	@Override
	public void handshakeCompleted(DtlsConnection connection, DtlsRole role, Duration duration) {
		this.handshakesCompleted.increment();
	}

	@Override
	public void handshakeFailed(InetSocketAddress peer, DtlsRole role, HandshakeFailure failure, Duration duration,
			@Nullable Throwable cause) {
		this.handshakeFailures.get(failure).increment();
	}

	@Override
	public void helloVerifyRequestSent(InetSocketAddress peer, int bytes) {
		this.helloVerifyRequests.increment();
		this.helloVerifyRequestBytes.add(bytes);
	}

	@Override
	public void connectionOpened(DtlsConnection connection) {
		this.connectionsOpened.increment();
	}

	@Override
	public void connectionClosed(DtlsConnection connection, CloseReason reason) {
		this.connectionsClosed.increment();
	}

	@Override
	public void dropped(@Nullable InetSocketAddress source, DropReason reason, int bytes) {
		this.drops.get(reason).increment();
	}

	@Override
	public void datagramReceived(int bytes) {
		this.datagramsReceived.increment();
		this.bytesReceived.add(bytes);
	}

	@Override
	public void datagramSent(int bytes) {
		this.datagramsSent.increment();
		this.bytesSent.add(bytes);
	}

	public long datagramsReceived() {
		return this.datagramsReceived.sum();
	}

	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	public long datagramsSent() {
		return this.datagramsSent.sum();
	}

	public long bytesSent() {
		return this.bytesSent.sum();
	}

	public long helloVerifyRequests() {
		return this.helloVerifyRequests.sum();
	}

	public long helloVerifyRequestBytes() {
		return this.helloVerifyRequestBytes.sum();
	}

	public long handshakesStarted() {
		return this.handshakesStarted.sum();
	}

	public long handshakesCompleted() {
		return this.handshakesCompleted.sum();
	}

	public long handshakesFailed(HandshakeFailure failure) {
		return this.handshakeFailures.get(failure).sum();
	}

	public long handshakesFailed() {
		return this.handshakeFailures.values().stream().mapToLong(LongAdder::sum).sum();
	}

	public long connectionsOpened() {
		return this.connectionsOpened.sum();
	}

	public long connectionsClosed() {
		return this.connectionsClosed.sum();
	}

	public long dropped(DropReason reason) {
		return this.drops.get(reason).sum();
	}

	public long dropped() {
		return this.drops.values().stream().mapToLong(LongAdder::sum).sum();
	}

	@Override
	public String toString() {
		return "DtlsStatistics[datagramsReceived=" + datagramsReceived() + ", datagramsSent=" + datagramsSent()
				+ ", handshakesCompleted=" + handshakesCompleted() + ", handshakesFailed=" + handshakesFailed()
				+ ", connectionsOpened=" + connectionsOpened() + ", dropped=" + dropped() + "]";
	}

}
