/**
 * Helpers shared by the engine's packages; not part of the public API.
 */
@NullMarked
package io.dtls.core.internal;

import org.jspecify.annotations.NullMarked;
