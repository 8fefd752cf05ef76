/**
 * Demultiplexers: how datagrams arriving on the server's port reach the state of their peer.
 */
@NullMarked
package io.dtls.core.demux;

import org.jspecify.annotations.NullMarked;
