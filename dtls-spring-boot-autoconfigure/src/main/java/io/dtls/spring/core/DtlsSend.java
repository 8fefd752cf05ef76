package io.dtls.spring.core;

import java.util.Locale;

/**
 * One send of a {@link DtlsTemplate}, as {@link DtlsSendInterceptor}s see it.
 *
 * @param destinationType the kind of destination
 * @param destination the destination as text: the peer's address, or {@code host:port} for a
 * remote server
 * @param payloadLength the payload size in bytes
 * @param operation the kind of send: whether it waits for a reply
 * @since 0.1.0
 */
public record DtlsSend(DestinationType destinationType, String destination, int payloadLength, Operation operation) {

	/**
	 * Kinds of destination that a send can name.
	 */
	public enum DestinationType {

		/** A {@link io.dtls.spring.DtlsPeer}, such as the sender of a received message. */
		PEER,

		/** The address of a peer connected to the server. */
		ADDRESS,

		/** A remote server as {@code host:port}, reached through a client connection. */
		REMOTE;

		/**
		 * Returns the lower-case name, for metric tags and observation key values.
		 */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Kinds of send, which differ in what completes them.
	 */
	public enum Operation {

		/** {@code send} and {@code convertAndSend}: done once the datagram is handed to the socket. */
		SEND("send"),

		/** {@code sendAndReceive} and {@code convertSendAndReceive}: done once the reply arrives. */
		SEND_AND_RECEIVE("send-and-receive");

		private final String value;

		Operation(String value) {
			this.value = value;
		}

		/**
		 * Returns the name used in metric tags and observation key values.
		 */
		public String value() {
			return this.value;
		}

	}

}
