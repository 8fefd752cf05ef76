/**
 * Sending with {@link io.dtls.spring.core.DtlsTemplate}: to connected peers, and to remote
 * servers through cached client connections.
 */
@NullMarked
package io.dtls.spring.core;

import org.jspecify.annotations.NullMarked;
