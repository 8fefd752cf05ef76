/**
 * The stateless cookie exchange that a server runs before it keeps any per-peer state
 * (RFC 6347 4.2.1).
 */
@NullMarked
package io.dtls.core.cookie;

import org.jspecify.annotations.NullMarked;
