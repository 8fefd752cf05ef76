/**
 * The benchmark suite: measures the DTLS engine on loopback against raw transports, TLS over TCP
 * and Eclipse Californium Scandium, and writes docs/benchmarks.md.
 */
@NullMarked
package io.dtls.benchmarks;

import org.jspecify.annotations.NullMarked;
