/**
 * Application events of DTLS connections: opened, closed, handshake failed.
 */
@NullMarked
package io.dtls.spring.event;

import org.jspecify.annotations.NullMarked;
