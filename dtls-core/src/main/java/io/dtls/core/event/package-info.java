/**
 * The events SPI: handshakes, connections, drops and traffic, for metrics and logs.
 */
@NullMarked
package io.dtls.core.event;

import org.jspecify.annotations.NullMarked;
