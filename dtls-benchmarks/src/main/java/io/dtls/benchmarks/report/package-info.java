/**
 * The generated page: tables, target verdicts, machine description and the echo chart.
 */
@NullMarked
package io.dtls.benchmarks.report;

import org.jspecify.annotations.NullMarked;
