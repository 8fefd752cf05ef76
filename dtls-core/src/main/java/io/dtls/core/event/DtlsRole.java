package io.dtls.core.event;

/**
 * The side of a handshake or connection.
 *
 * @since 0.1.0
 */
public enum DtlsRole {

	SERVER, CLIENT

}
