/**
 * Actuator info about DTLS: Bouncy Castle versions and the server's address and cipher suites.
 */
@NullMarked
package io.dtls.spring.info;

import org.jspecify.annotations.NullMarked;
