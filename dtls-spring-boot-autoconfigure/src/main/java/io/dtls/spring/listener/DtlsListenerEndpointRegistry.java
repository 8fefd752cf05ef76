package io.dtls.spring.listener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;

/**
 * Registry of the {@link DtlsListenerEndpoint}s of an application context, in dispatch order, and
 * the lifecycle that starts and stops them.
 * <p>
 * The first {@link #start()}, which the application context performs when it refreshes, starts the
 * endpoints whose {@link DtlsListener#autoStartup()} is true. Later calls start every endpoint.
 * {@link #stop()} stops every endpoint. The default phase, {@link #DEFAULT_PHASE}, starts the
 * endpoints before a DTLS server in the default phase {@code Integer.MAX_VALUE} takes traffic,
 * and stops them after it.
 *
 * @since 0.1.0
 */
public class DtlsListenerEndpointRegistry implements SmartLifecycle {

	/** Lifecycle phase of the registry: below the default phase of a {@link SmartLifecycle}. */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 2048;

	private static final LogAccessor logger = new LogAccessor(DtlsListenerEndpointRegistry.class);

	private final Object lifecycleLock = new Object();

	// Guarded by lifecycleLock. Insertion order is the registration order.
	private final Map<String, DtlsListenerEndpoint> endpointsById = new LinkedHashMap<>();

	// Guarded by lifecycleLock.
	private boolean startedBefore;

	// Replaced as a whole on each registration, so that dispatching threads read it without a lock.
	private volatile List<DtlsListenerEndpoint> dispatchOrder = List.of();

	private volatile boolean running;

	private final LongAdder unmatchedMessages = new LongAdder();

	private int phase = DEFAULT_PHASE;

	/**
	 * Registers an endpoint and starts it if the registry is running and the endpoint starts
	 * automatically.
	 * @throws IllegalStateException if an endpoint with the same id is registered
	 */
	void registerListenerEndpoint(DtlsListenerEndpoint endpoint) {
		synchronized (this.lifecycleLock) {
			DtlsListenerEndpoint existing = this.endpointsById.get(endpoint.getId());
			if (existing != null) {
				throw new IllegalStateException("Duplicate DTLS listener id '" + endpoint.getId() + "' on "
						+ ListenerMethods.describe(endpoint.getMethod()) + " of bean '" + endpoint.getBeanName()
						+ "' and " + ListenerMethods.describe(existing.getMethod()) + " of bean '"
						+ existing.getBeanName() + "'. Give each @DtlsListener a unique id.");
			}
			this.endpointsById.put(endpoint.getId(), endpoint);
			List<DtlsListenerEndpoint> sorted = new ArrayList<>(this.endpointsById.values());
			// List.sort is stable, so endpoints of equal order keep their registration order.
			sorted.sort(Comparator.comparingInt(DtlsListenerEndpoint::getOrder));
			this.dispatchOrder = List.copyOf(sorted);
			if (this.running && endpoint.isAutoStartup()) {
				endpoint.start();
			}
		}
		logger.debug(() -> "Registered DTLS listener endpoint " + endpoint);
	}

	/**
	 * Returns the endpoint with the given id, or {@code null} if there is none.
	 */
	public @Nullable DtlsListenerEndpoint getListenerEndpoint(String id) {
		synchronized (this.lifecycleLock) {
			return this.endpointsById.get(id);
		}
	}

	/**
	 * Returns the ids of all endpoints in registration order.
	 */
	public Set<String> getListenerEndpointIds() {
		synchronized (this.lifecycleLock) {
			return new LinkedHashSet<>(this.endpointsById.keySet());
		}
	}

	/**
	 * Returns all endpoints in dispatch order, running or not.
	 */
	public List<DtlsListenerEndpoint> getListenerEndpoints() {
		return this.dispatchOrder;
	}

	/**
	 * Returns how many messages no running endpoint matched, so that they were dropped.
	 */
	public long getUnmatchedMessageCount() {
		return this.unmatchedMessages.sum();
	}

	void recordUnmatchedMessage() {
		this.unmatchedMessages.increment();
	}

	/**
	 * Starts the endpoints: on the first call those that start automatically, on later calls all.
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleLock) {
			boolean firstStart = !this.startedBefore;
			for (DtlsListenerEndpoint endpoint : this.endpointsById.values()) {
				if (!firstStart || endpoint.isAutoStartup()) {
					endpoint.start();
				}
			}
			this.startedBefore = true;
			this.running = true;
		}
		logger.debug(() -> "Started DTLS listener endpoint registry with endpoints " + getListenerEndpointIds());
	}

	/**
	 * Stops every endpoint. Invocations in progress complete.
	 */
	@Override
	public void stop() {
		synchronized (this.lifecycleLock) {
			for (DtlsListenerEndpoint endpoint : this.endpointsById.values()) {
				endpoint.stop();
			}
			this.running = false;
		}
		logger.debug("Stopped DTLS listener endpoint registry");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Sets the lifecycle phase. The default is {@link #DEFAULT_PHASE}.
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

}
