package io.dtls.spring.autoconfigure.health;

import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.health.DtlsHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code dtls} health indicator for the auto-configured or
 * user-defined {@link DtlsServer}, shown at {@code /actuator/health/dtls}. It needs
 * {@code spring-boot-health} on the class path, and {@code management.health.dtls.enabled=false}
 * turns it off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DtlsAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ DtlsServer.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class DtlsHealthContributorAutoConfiguration {

	/**
	 * The indicator. Its conditions sit on this nested class because Spring loads the condition
	 * classes of a configuration class before it evaluates any of them, and the condition of
	 * {@code @ConditionalOnEnabledHealthIndicator} is missing without {@code spring-boot-health}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DtlsServer.class)
	@ConditionalOnEnabledHealthIndicator("dtls")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "dtlsHealthIndicator", "dtlsHealthContributor" })
		DtlsHealthIndicator dtlsHealthIndicator(DtlsServer server) {
			return new DtlsHealthIndicator(server);
		}

	}

}
