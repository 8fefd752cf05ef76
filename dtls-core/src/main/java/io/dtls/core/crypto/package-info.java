/**
 * The cryptographic back-ends of the engine: Bouncy Castle's lightweight API, the JCA, or a
 * hybrid of the two, each wrapped so that decrypted handshake messages are checked.
 */
@NullMarked
package io.dtls.core.crypto;

import org.jspecify.annotations.NullMarked;
