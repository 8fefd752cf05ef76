package io.dtls.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the end-to-end tests: auto-configuration only, listeners come from each
 * test's own configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

}
