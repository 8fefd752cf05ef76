/**
 * Spring Integration channel adapters for DTLS, and the {@code Dtls} DSL factory.
 */
@NullMarked
package io.dtls.spring.integration;

import org.jspecify.annotations.NullMarked;
