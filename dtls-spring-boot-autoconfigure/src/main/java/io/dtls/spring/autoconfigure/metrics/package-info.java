/**
 * Auto-configuration of the DTLS Micrometer metrics.
 */
@NullMarked
package io.dtls.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
