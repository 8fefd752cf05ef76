package io.dtls.core.server;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.dtls.core.internal.NamedThreads;
import org.jspecify.annotations.Nullable;

/**
 * The threads of a running server besides its receive thread: the handshake pool, the executor
 * that calls the handler (the server's own unless the application supplied one) and the timer
 * for housekeeping.
 */
final class ServerThreads {

	final ThreadPoolExecutor handshakes;

	final Executor delivery;

	final ScheduledExecutorService timer;

	private final @Nullable ExecutorService ownedDelivery;

	/**
	 * @param prefix the start of every thread name, such as {@code dtls-1-}
	 * @param executor the application's executor for the handler, or {@code null} for the server's own
	 */
	ServerThreads(String prefix, int maxHandshakes, @Nullable Executor executor) {
		this.handshakes = new ThreadPoolExecutor(0, maxHandshakes, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				NamedThreads.factory(prefix + "handshake-"));
		if (executor != null) {
			this.ownedDelivery = null;
			this.delivery = executor;
		}
		else {
			int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
			this.ownedDelivery = Executors.newFixedThreadPool(threads, NamedThreads.factory(prefix + "handler-"));
			this.delivery = this.ownedDelivery;
		}
		this.timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory(prefix + "timer-"));
	}

	/**
	 * Stops every thread. Handler calls still running may finish until {@code deadlineNanos} (a
	 * {@link System#nanoTime()} value); after it they are interrupted.
	 */
	void shutdown(long deadlineNanos) {
		this.handshakes.shutdownNow();
		if (this.ownedDelivery != null) {
			this.ownedDelivery.shutdown();
			try {
				long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
				if (!this.ownedDelivery.awaitTermination(remainingMillis, TimeUnit.MILLISECONDS)) {
					this.ownedDelivery.shutdownNow();
					// Give interrupted handler calls a moment to return before stop() does.
					this.ownedDelivery.awaitTermination(1, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.ownedDelivery.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
		this.timer.shutdownNow();
	}

}
