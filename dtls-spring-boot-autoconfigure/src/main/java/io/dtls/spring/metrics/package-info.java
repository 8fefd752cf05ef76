/**
 * Micrometer metrics of DTLS servers, clients, listener methods and template sends.
 */
@NullMarked
package io.dtls.spring.metrics;

import org.jspecify.annotations.NullMarked;
