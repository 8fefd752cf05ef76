/**
 * Micrometer observations of {@code @DtlsListener} method calls and {@code DtlsTemplate} sends,
 * with their contexts, conventions and documentation.
 */
@NullMarked
package io.dtls.spring.observation;

import org.jspecify.annotations.NullMarked;
