package io.dtls.spring.metrics;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.event.DropReason;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.event.DtlsRole;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer metrics of the DTLS engine, fed by its events: active connections, handshakes,
 * datagrams and bytes, drops and closed connections. One instance can observe several servers
 * and clients, and the meters then show their sum.
 * <p>
 * The datagram and byte counters are updated on the receive path of every datagram, so they
 * are plain {@link LongAdder}s that the registry reads through {@link FunctionCounter}s: no
 * meter look-up and no tag is built per datagram. Handshake timers are looked up per
 * handshake, which costs far less than the handshake itself.
 * <p>
 * Every tag has a small, fixed set of values; none names a peer.
 *
 * @since 0.1.0
 */
public class DtlsMetrics implements DtlsEventListener, MeterBinder {

	/** Gauge of the established connections. */
	public static final String CONNECTIONS_ACTIVE = "dtls.connections.active";

	/** Timer of handshakes, tagged {@code role}, {@code outcome} and {@code reason}. */
	public static final String HANDSHAKES = "dtls.handshakes";

	/** Counter of received datagrams, including those dropped afterwards. */
	public static final String DATAGRAMS_RECEIVED = "dtls.datagrams.received";

	/** Counter of sent datagrams. */
	public static final String DATAGRAMS_SENT = "dtls.datagrams.sent";

	/** Counter of received bytes, in UDP payload bytes. */
	public static final String BYTES_RECEIVED = "dtls.bytes.received";

	/** Counter of sent bytes, in UDP payload bytes. */
	public static final String BYTES_SENT = "dtls.bytes.sent";

	/** Counter of dropped datagrams and messages, tagged {@code reason}. */
	public static final String DATAGRAMS_DROPPED = "dtls.datagrams.dropped";

	/** Counter of closed connections, tagged {@code reason}. */
	public static final String CONNECTIONS_CLOSED = "dtls.connections.closed";

	private static final String DATAGRAMS_UNIT = "datagrams";

	private final AtomicInteger activeConnections = new AtomicInteger();

	private final LongAdder datagramsReceived = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder datagramsSent = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);

	private final Map<CloseReason.Kind, LongAdder> closes = new EnumMap<>(CloseReason.Kind.class);

	private final CopyOnWriteArrayList<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	public DtlsMetrics() {
		for (DropReason reason : DropReason.values()) {
			this.drops.put(reason, new LongAdder());
		}
		for (CloseReason.Kind kind : CloseReason.Kind.values()) {
			this.closes.put(kind, new LongAdder());
		}
	}

	/**
	 * Registers the meters with {@code registry}. Handshakes that complete before the first
	 * binding are not timed; the counters and the gauge include everything since this object
	 * was created.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(CONNECTIONS_ACTIVE, this.activeConnections, AtomicInteger::get)
			.description("Established DTLS connections")
			.baseUnit(BaseUnits.CONNECTIONS)
			.strongReference(true)
			.register(registry);
		counter(registry, DATAGRAMS_RECEIVED, this.datagramsReceived, "Datagrams received", DATAGRAMS_UNIT, Tags.empty());
		counter(registry, DATAGRAMS_SENT, this.datagramsSent, "Datagrams sent", DATAGRAMS_UNIT, Tags.empty());
		counter(registry, BYTES_RECEIVED, this.bytesReceived, "UDP payload bytes received", BaseUnits.BYTES,
				Tags.empty());
		counter(registry, BYTES_SENT, this.bytesSent, "UDP payload bytes sent", BaseUnits.BYTES, Tags.empty());
		this.drops.forEach((reason, count) -> counter(registry, DATAGRAMS_DROPPED, count,
				"Datagrams and messages the engine discarded", DATAGRAMS_UNIT, Tags.of("reason", tagValue(reason))));
		this.closes.forEach((kind, count) -> counter(registry, CONNECTIONS_CLOSED, count, "DTLS connections closed",
				BaseUnits.CONNECTIONS, Tags.of("reason", tagValue(kind))));
		this.registries.addIfAbsent(registry);
	}

	private static void counter(MeterRegistry registry, String name, LongAdder count, String description,
			String baseUnit, Tags tags) {
		FunctionCounter.builder(name, count, LongAdder::sum)
			.description(description)
			.baseUnit(baseUnit)
			.tags(tags)
			.register(registry);
	}

	@Override
	public void handshakeCompleted(DtlsConnection connection, DtlsRole role, Duration duration) {
		recordHandshake(role, "success", "none", duration);
	}

	@Override
	public void handshakeFailed(InetSocketAddress peer, DtlsRole role, HandshakeFailure failure, Duration duration,
			@Nullable Throwable cause) {
		recordHandshake(role, "failure", tagValue(failure), duration);
	}

	private void recordHandshake(DtlsRole role, String outcome, String reason, Duration duration) {
		for (MeterRegistry registry : this.registries) {
			Timer.builder(HANDSHAKES)
				.description("Duration of DTLS handshakes until they completed or failed")
				.tags("role", tagValue(role), "outcome", outcome, "reason", reason)
				.register(registry)
				.record(duration);
		}
	}

	@Override
	public void connectionOpened(DtlsConnection connection) {
		this.activeConnections.incrementAndGet();
	}

	@Override
	public void connectionClosed(DtlsConnection connection, CloseReason reason) {
		this.activeConnections.decrementAndGet();
		this.closes.get(reason.kind()).increment();
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

	private static String tagValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
