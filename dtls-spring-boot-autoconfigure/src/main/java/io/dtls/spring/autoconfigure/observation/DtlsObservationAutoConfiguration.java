package io.dtls.spring.autoconfigure.observation;

import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.observation.DtlsListenerObservationConvention;
import io.dtls.spring.observation.DtlsListenerObservationInterceptor;
import io.dtls.spring.observation.DtlsTemplateObservationConvention;
import io.dtls.spring.observation.DtlsTemplateObservationInterceptor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the DTLS observations, each opt-in: listener method calls with
 * {@code dtls.listener.observation-enabled=true} and template sends with
 * {@code dtls.template.observation-enabled=true}. Both need an {@link ObservationRegistry}
 * bean, which Spring Boot's observation auto-configuration provides. A
 * {@link DtlsListenerObservationConvention} or {@link DtlsTemplateObservationConvention} bean
 * replaces the default convention.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DtlsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ DtlsServer.class, ObservationRegistry.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class DtlsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("dtls.listener.observation-enabled")
	DtlsListenerObservationInterceptor dtlsListenerObservationInterceptor(ObservationRegistry registry,
			ObjectProvider<DtlsListenerObservationConvention> convention) {
		return new DtlsListenerObservationInterceptor(registry, convention.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("dtls.template.observation-enabled")
	DtlsTemplateObservationInterceptor dtlsTemplateObservationInterceptor(ObservationRegistry registry,
			ObjectProvider<DtlsTemplateObservationConvention> convention) {
		return new DtlsTemplateObservationInterceptor(registry, convention.getIfUnique());
	}

}
