/**
 * The datagram transport between Bouncy Castle's record layer and the engine's sockets.
 */
@NullMarked
package io.dtls.core.transport;

import org.jspecify.annotations.NullMarked;
