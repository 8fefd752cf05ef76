/**
 * Load generators: echo round trips and one-way streams over UDP, TCP, TLS and DTLS, and
 * handshake loops, all driven from the harness JVM.
 */
@NullMarked
package io.dtls.benchmarks.load;

import org.jspecify.annotations.NullMarked;
