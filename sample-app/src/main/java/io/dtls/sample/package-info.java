/**
 * A sample DTLS application: echo, device telemetry with acknowledgements, command push, and a
 * client mode.
 */
@NullMarked
package io.dtls.sample;

import org.jspecify.annotations.NullMarked;
