/**
 * The servers under test and the child JVM that hosts them, controlled over its standard input
 * and output so that their memory and threads can be measured apart from the load generator.
 */
@NullMarked
package io.dtls.benchmarks.server;

import org.jspecify.annotations.NullMarked;
