/**
 * Tools for testing DTLS applications under network conditions that loopback does not have.
 */
@NullMarked
package io.dtls.test;

import org.jspecify.annotations.NullMarked;
