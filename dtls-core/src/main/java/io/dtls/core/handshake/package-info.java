/**
 * The TLS peers that run DTLS handshakes on Bouncy Castle: cipher suite and credential
 * selection, certificate and PSK checks, and the classification of failures.
 */
@NullMarked
package io.dtls.core.handshake;

import org.jspecify.annotations.NullMarked;
