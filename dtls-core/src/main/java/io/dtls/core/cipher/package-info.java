/**
 * The AEAD cipher suites the engine offers, by IANA name.
 */
@NullMarked
package io.dtls.core.cipher;

import org.jspecify.annotations.NullMarked;
