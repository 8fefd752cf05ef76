package io.dtls.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates daemon threads named with a prefix and a sequence number, so thread dumps show which
 * endpoint and role a thread serves.
 */
public final class NamedThreads {

	private NamedThreads() {
	}

	public static ThreadFactory factory(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
