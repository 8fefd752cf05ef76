/**
 * The client endpoint: connecting to DTLS servers, with every client connection driven by one
 * shared receive thread.
 */
@NullMarked
package io.dtls.core.client;

import org.jspecify.annotations.NullMarked;
