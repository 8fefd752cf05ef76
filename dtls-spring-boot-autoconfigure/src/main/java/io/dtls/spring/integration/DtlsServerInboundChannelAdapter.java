package io.dtls.spring.integration;

import java.time.Duration;

import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * An inbound channel adapter that owns its DTLS server: the server is built with the adapter
 * as its handler, and starts and stops with the adapter. Created by
 * {@link Dtls#inboundAdapter(DtlsServerBuilder)} for flows that need a server of their own
 * beside the auto-configured one.
 *
 * @since 0.1.0
 */
public class DtlsServerInboundChannelAdapter extends DtlsInboundChannelAdapter {

	private final DtlsServerBuilder serverBuilder;

	private Duration stopTimeout = Duration.ofSeconds(10);

	private volatile @Nullable DtlsServer server;

	public DtlsServerInboundChannelAdapter(DtlsServerBuilder serverBuilder) {
		this.serverBuilder = serverBuilder;
	}

	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	/**
	 * Returns the running server, or {@code null} while the adapter is stopped.
	 */
	public @Nullable DtlsServer getServer() {
		return this.server;
	}

	@Override
	protected void doStart() {
		DtlsServer server = this.serverBuilder.handler(this).build();
		server.start();
		this.server = server;
	}

	@Override
	protected void doStop() {
		DtlsServer server = this.server;
		if (server != null) {
			server.stop(this.stopTimeout);
			this.server = null;
		}
	}

}
