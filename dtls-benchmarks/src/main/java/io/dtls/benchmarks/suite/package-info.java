/**
 * The sections of the suite, each measuring one comparison with interleaved runs.
 */
@NullMarked
package io.dtls.benchmarks.suite;

import org.jspecify.annotations.NullMarked;
