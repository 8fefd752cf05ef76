package io.dtls.core.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test method once per {@link TransportCase#all() transport case}, named after the case,
 * such as {@code connected/IPv6}. The method takes the case as its only parameter.
 * <p>
 * This is a method annotation rather than {@code @ParameterizedClass} because Surefire 3.6.1
 * names the runs of a parameterized class by index ({@code [1]} to {@code [4]}) in its
 * reports, while it reports the display name of each run of a parameterized method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "{0}")
@MethodSource("io.dtls.core.support.TransportCase#all")
@ExtendWith(RunNameOnFailure.class)
public @interface TransportMatrixTest {

}
