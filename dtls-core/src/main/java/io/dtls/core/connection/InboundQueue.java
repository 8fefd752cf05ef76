package io.dtls.core.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The bounded queue of messages received on one connection and not yet handled. Offering
 * never blocks: a full queue rejects the message, so a slow consumer cannot stall the receive
 * path.
 */
final class InboundQueue {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notEmpty = this.lock.newCondition();

	private final ArrayDeque<byte[]> messages = new ArrayDeque<>();

	private final int capacity;

	private boolean closed;

	InboundQueue(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Adds a message unless the queue is full or closed.
	 */
	boolean offer(byte[] message) {
		this.lock.lock();
		try {
			if (this.closed || this.messages.size() >= this.capacity) {
				return false;
			}
			this.messages.addLast(message);
			this.notEmpty.signal();
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	byte @Nullable [] pollNow() {
		this.lock.lock();
		try {
			return this.messages.pollFirst();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for a message.
	 * @return the message, or {@code null} on timeout or when the queue is closed and empty
	 */
	byte @Nullable [] poll(Duration timeout) throws InterruptedException {
		long remaining = timeout.toNanos();
		this.lock.lockInterruptibly();
		try {
			while (this.messages.isEmpty()) {
				if (this.closed || remaining <= 0) {
					return null;
				}
				remaining = this.notEmpty.awaitNanos(remaining);
			}
			return this.messages.pollFirst();
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isEmpty() {
		this.lock.lock();
		try {
			return this.messages.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Rejects further messages and wakes waiting consumers; queued messages stay available.
	 */
	void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.notEmpty.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isClosed() {
		this.lock.lock();
		try {
			return this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

}
