package io.dtls.spring.health;

import java.util.Locale;

import io.dtls.core.server.DtlsServer;
import io.dtls.spring.core.DtlsDestination;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of a {@link DtlsServer}: {@code UP} while it is running and its receive thread is
 * alive, {@code DOWN} before it starts, after it stops, or when the receive thread has ended.
 * <p>
 * Details: {@code demux} (such as {@code router}), and while the server runs, its bound
 * {@code address} as {@code host:port}, the number of established {@code connections} and the
 * number of {@code handshakesInProgress}.
 *
 * @since 0.1.0
 */
public class DtlsHealthIndicator extends AbstractHealthIndicator {

	private final DtlsServer server;

	public DtlsHealthIndicator(DtlsServer server) {
		super("DTLS health check failed");
		this.server = server;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.server.isReceiving()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("demux", this.server.demuxMode().name().toLowerCase(Locale.ROOT));
		if (this.server.isRunning()) {
			builder.withDetail("address", DtlsDestination.of(this.server.localAddress()).toString())
				.withDetail("connections", this.server.connections().size())
				.withDetail("handshakesInProgress", this.server.handshakesInProgress());
		}
	}

}
