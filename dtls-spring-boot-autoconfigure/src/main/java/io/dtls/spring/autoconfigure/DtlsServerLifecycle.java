package io.dtls.spring.autoconfigure;

import java.time.Duration;

import io.dtls.core.DtlsException;
import io.dtls.core.server.DtlsServer;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the auto-configured {@link DtlsServer} once the application context is ready and
 * stops it gracefully on shutdown: stop receiving, let listeners finish what was delivered,
 * send close_notify to every peer, release the port. The stop runs on its own thread and
 * ends within the shutdown timeout, slightly less than
 * {@code spring.lifecycle.timeout-per-shutdown-phase} so that the context does not give up
 * on it first.
 *
 * @since 0.1.0
 */
public class DtlsServerLifecycle implements SmartLifecycle {

	/**
	 * Phase of the server: late, after the beans listeners depend on have started, and
	 * stopped early, before them. It matches the phase of Boot's web server graceful shutdown.
	 */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private final DtlsServer server;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	public DtlsServerLifecycle(DtlsServer server, Duration shutdownTimeout) {
		this.server = server;
		this.shutdownTimeout = shutdownTimeout;
	}

	public DtlsServer getServer() {
		return this.server;
	}

	@Override
	public void start() {
		try {
			this.server.start();
		}
		catch (DtlsException ex) {
			// Binding is the one step of start() that can fail; name the properties that choose the address.
			throw new DtlsException(ex.getMessage() + " (properties dtls.server.port and dtls.server.address)", ex);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.server.stop(this.shutdownTimeout);
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		Thread stopper = new Thread(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		}, "dtls-server-shutdown");
		stopper.start();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

}
