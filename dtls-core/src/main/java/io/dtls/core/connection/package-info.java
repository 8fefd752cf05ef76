/**
 * Established connections: decryption on the receive path, the bounded inbound queue, ordered
 * delivery to handlers and thread-safe sending.
 */
@NullMarked
package io.dtls.core.connection;

import org.jspecify.annotations.NullMarked;
