package io.dtls.spring.autoconfigure.info;

import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.info.DtlsInfoContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorFallback;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code dtls} entry of the info endpoint. Like Spring Boot 4.0's
 * {@code java}, {@code os} and {@code ssl} contributors, which also describe the runtime, it is
 * off until {@code management.info.dtls.enabled=true}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DtlsAutoConfiguration.class)
@ConditionalOnClass({ DtlsServer.class, InfoContributor.class, ConditionalOnEnabledInfoContributor.class })
public final class DtlsInfoContributorAutoConfiguration {

	/**
	 * The contributor. Its condition sits on this nested class because Spring loads the
	 * condition classes of a configuration class before it evaluates any of them, and the
	 * condition of {@code @ConditionalOnEnabledInfoContributor} is missing without
	 * {@code spring-boot-actuator-autoconfigure}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledInfoContributor(value = "dtls", fallback = InfoContributorFallback.DISABLE)
	static class InfoContributorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DtlsInfoContributor dtlsInfoContributor(ObjectProvider<DtlsServer> server) {
			return new DtlsInfoContributor(server.getIfAvailable());
		}

	}

}
