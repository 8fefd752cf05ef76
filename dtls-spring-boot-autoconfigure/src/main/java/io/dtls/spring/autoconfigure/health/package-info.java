/**
 * Auto-configuration of the DTLS health indicator.
 */
@NullMarked
package io.dtls.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
