package io.dtls.spring.listener;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * Handles the failures of a {@link DtlsListener} method: an exception it threw, a payload that
 * could not be converted to its parameter, a failed {@code CompletionStage} it returned, or a
 * reply that could not be sent. Name a bean of this type in {@link DtlsListener#errorHandler()}.
 * <p>
 * The dispatcher never closes the connection unless the handler does: a handler that wants the
 * peer gone calls {@code exception.getPeer().connection().close()}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DtlsListenerErrorHandler {

	/**
	 * Handles one failure of a listener.
	 * @param message the received message that the listener failed on
	 * @param exception the failure, with the listener id, the peer and the cause
	 * @return a reply that goes back to the peer by the rules of a listener's return value, or
	 * {@code null} for no reply
	 * @throws Exception if the handler itself fails. The dispatcher logs it at ERROR, and the
	 * connection stays open.
	 */
	@Nullable Object handleError(Message<?> message, DtlsListenerExecutionFailedException exception) throws Exception;

}
