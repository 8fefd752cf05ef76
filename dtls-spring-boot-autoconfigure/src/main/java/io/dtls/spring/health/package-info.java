/**
 * Actuator health of the DTLS server.
 */
@NullMarked
package io.dtls.spring.health;

import org.jspecify.annotations.NullMarked;
