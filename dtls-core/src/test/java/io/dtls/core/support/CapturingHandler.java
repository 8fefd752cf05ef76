package io.dtls.core.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionHandler;

/**
 * Echoes every message and records the connections, messages and close reasons it sees.
 */
public final class CapturingHandler implements DtlsConnectionHandler {

	private final List<DtlsConnection> connections = new CopyOnWriteArrayList<>();

	private final LinkedBlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();

	private final LinkedBlockingQueue<CloseReason> closeReasons = new LinkedBlockingQueue<>();

	private final boolean echo;

	public CapturingHandler() {
		this(true);
	}

	public CapturingHandler(boolean echo) {
		this.echo = echo;
	}

	@Override
	public void onOpened(DtlsConnection connection) {
		this.connections.add(connection);
	}

	@Override
	public void onMessage(DtlsConnection connection, byte[] payload) {
		this.messages.add(payload);
		if (this.echo) {
			connection.send(payload);
		}
	}

	@Override
	public void onClosed(DtlsConnection connection, CloseReason reason) {
		this.closeReasons.add(reason);
	}

	public DtlsConnection firstConnection() {
		return this.connections.get(0);
	}

	public List<DtlsConnection> connections() {
		return this.connections;
	}

	public byte[] nextMessage(long timeoutMillis) throws InterruptedException {
		return this.messages.poll(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	public CloseReason nextCloseReason(long timeoutMillis) throws InterruptedException {
		return this.closeReasons.poll(timeoutMillis, TimeUnit.MILLISECONDS);
	}

}
