/**
 * Medians, spreads and latency percentiles of repeated measurements.
 */
@NullMarked
package io.dtls.benchmarks.stats;

import org.jspecify.annotations.NullMarked;
