package io.dtls.spring.autoconfigure.metrics;

import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.metrics.DtlsListenerMetrics;
import io.dtls.spring.metrics.DtlsMetrics;
import io.dtls.spring.metrics.DtlsTemplateMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the DTLS metrics when Micrometer is on the class path and the context
 * has a {@link MeterRegistry}: {@link DtlsMetrics} for the engine's events of the server and
 * the template's client, {@link DtlsListenerMetrics} for listener method calls and
 * {@link DtlsTemplateMetrics} for template sends.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DtlsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ DtlsServer.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
public final class DtlsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DtlsMetrics dtlsMetrics() {
		return new DtlsMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	DtlsListenerMetrics dtlsListenerMetrics(MeterRegistry registry) {
		return new DtlsListenerMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	DtlsTemplateMetrics dtlsTemplateMetrics(MeterRegistry registry) {
		return new DtlsTemplateMetrics(registry);
	}

}
