/**
 * Reading DTLS record and handshake headers (RFC 6347 4.1 and 4.2.2) before Bouncy Castle sees
 * a datagram.
 */
@NullMarked
package io.dtls.core.record;

import org.jspecify.annotations.NullMarked;
