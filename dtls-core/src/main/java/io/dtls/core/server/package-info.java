/**
 * The server endpoint: binding, routing datagrams to handshakes and connections, limits, and
 * graceful shutdown.
 */
@NullMarked
package io.dtls.core.server;

import org.jspecify.annotations.NullMarked;
