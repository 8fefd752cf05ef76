package io.dtls.spring.listener;

import java.time.Duration;

import io.dtls.core.DtlsConnectionClosedException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;

/**
 * The default {@link DtlsListenerErrorHandler}: logs the failure at ERROR with the listener id,
 * the peer address and the connection id, sends no reply and leaves the connection open. Full
 * reports are limited to one per second, with a count of those left out; a reply that fails
 * because the peer's connection has closed is logged at DEBUG only.
 * <p>
 * A failure to convert or validate the payload is logged at ERROR without its causes, because
 * converter and validation messages can quote the payload, such as Jackson's "Unrecognized
 * token" message. The full stack trace of such a failure is logged at DEBUG. Other failures are
 * logged at ERROR with their stack trace, so an exception that a listener method raises with
 * payload content in its message shows that content.
 *
 * @since 0.1.0
 */
public class LoggingDtlsListenerErrorHandler implements DtlsListenerErrorHandler {

	private static final LogAccessor logger = new LogAccessor(LoggingDtlsListenerErrorHandler.class);

	/** Full reports at most once per second; a peer can otherwise fill the log with one failure per datagram. */
	private final LogRateLimit rateLimit = new LogRateLimit(Duration.ofSeconds(1), logger);

	/**
	 * Logs the failure and returns {@code null}, so that no reply is sent.
	 */
	@Override
	public @Nullable Object handleError(Message<?> message, DtlsListenerExecutionFailedException exception) {
		if (isConnectionClosed(exception)) {
			// The peer left while its messages were still queued; a reply cannot reach it.
			logger.debug(() -> exception.getMessage() + ": the connection closed before the reply could be sent");
			return null;
		}
		if (!this.rateLimit.tryAcquire()) {
			return null;
		}
		if (isPayloadResolutionFailure(exception)) {
			logger.error(() -> exception.getMessage() + ": the payload could not be converted or failed validation."
					+ " Set the log level of " + LoggingDtlsListenerErrorHandler.class.getName()
					+ " to DEBUG to see the converter's message, which may quote the payload.");
			logger.debug(exception, () -> "Payload conversion failure of listener '" + exception.getListenerId() + "'");
		}
		else {
			logger.error(exception, exception.getMessage());
		}
		return null;
	}

	private static boolean isConnectionClosed(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof DtlsConnectionClosedException) {
				return true;
			}
		}
		return false;
	}

	// A conversion exception that carries the received message comes from reading the payload. A
	// reply that fails to convert raises one without a message, and its text names only the type.
	private static boolean isPayloadResolutionFailure(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof MethodArgumentResolutionException) {
				return true;
			}
			if (cause instanceof MessageConversionException conversion && conversion.getFailedMessage() != null) {
				return true;
			}
		}
		return false;
	}

}
