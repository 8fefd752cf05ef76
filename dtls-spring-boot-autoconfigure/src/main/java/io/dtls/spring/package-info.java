/**
 * The Spring layer of the DTLS engine: shared types of listeners, templates and adapters.
 */
@NullMarked
package io.dtls.spring;

import org.jspecify.annotations.NullMarked;
