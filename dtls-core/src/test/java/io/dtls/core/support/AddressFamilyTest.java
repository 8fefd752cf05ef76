package io.dtls.core.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs a test method once per loopback address, {@code 127.0.0.1} and {@code ::1}, named after
 * the address. It is for tests without an engine server, such as client-side checks, where the
 * demultiplexer of {@link TransportMatrixTest} plays no part. The method takes the address as
 * its only parameter, a {@code String}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "{0}")
@ValueSource(strings = { "127.0.0.1", "::1" })
@ExtendWith(RunNameOnFailure.class)
public @interface AddressFamilyTest {

}
