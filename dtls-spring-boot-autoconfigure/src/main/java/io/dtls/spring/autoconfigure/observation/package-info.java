/**
 * Auto-configuration of the DTLS Micrometer observations.
 */
@NullMarked
package io.dtls.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
