/**
 * The DTLS 1.2 engine's public API: connections, handlers and the exceptions they raise.
 */
@NullMarked
package io.dtls.core;

import org.jspecify.annotations.NullMarked;
