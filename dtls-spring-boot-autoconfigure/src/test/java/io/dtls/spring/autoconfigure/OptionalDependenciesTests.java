package io.dtls.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.health.DtlsHealthContributorAutoConfiguration;
import io.dtls.spring.autoconfigure.info.DtlsInfoContributorAutoConfiguration;
import io.dtls.spring.autoconfigure.metrics.DtlsMetricsAutoConfiguration;
import io.dtls.spring.autoconfigure.observation.DtlsObservationAutoConfiguration;
import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.health.DtlsHealthIndicator;
import io.dtls.spring.info.DtlsInfoContributor;
import io.dtls.spring.listener.DtlsListenerInvocationInterceptor;
import io.dtls.spring.metrics.DtlsMetrics;
import io.dtls.spring.core.DtlsSendInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the starter but without Actuator or Micrometer: every DTLS
 * auto-configuration is listed, the optional modules are hidden from the class loader, and the
 * server and listeners still work.
 */
class OptionalDependenciesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DtlsAutoConfiguration.class, SslAutoConfiguration.class,
				LifecycleAutoConfiguration.class, DtlsHealthContributorAutoConfiguration.class,
				DtlsInfoContributorAutoConfiguration.class, DtlsMetricsAutoConfiguration.class,
				DtlsObservationAutoConfiguration.class))
		.withUserConfiguration(LoopbackListeners.class)
		.withClassLoader(new FilteredClassLoader("io.micrometer.core", "org.springframework.boot.health",
				"org.springframework.boot.actuate", "org.springframework.boot.micrometer"))
		.withPropertyValues(LoopbackPsk.SERVER_PROPERTIES)
		.withPropertyValues("management.info.dtls.enabled=true", "dtls.listener.observation-enabled=true",
				"dtls.template.observation-enabled=true");

	@Test
	void serverAndListenersWorkWithoutActuatorOrMicrometer() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(DtlsServer.class);
			assertThat(context).hasSingleBean(DtlsTemplate.class);
			assertThat(context).doesNotHaveBean(DtlsHealthIndicator.class);
			assertThat(context).doesNotHaveBean(DtlsInfoContributor.class);
			assertThat(context).doesNotHaveBean(DtlsMetrics.class);
			assertThat(context).doesNotHaveBean(DtlsListenerInvocationInterceptor.class);
			assertThat(context).doesNotHaveBean(DtlsSendInterceptor.class);

			try (DtlsClient client = LoopbackPsk.client()) {
				DtlsConnection connection = client.connect("127.0.0.1",
						context.getBean(DtlsServer.class).localAddress().getPort());
				connection.send("push".getBytes(StandardCharsets.UTF_8));
				byte[] reply = connection.receive(Duration.ofSeconds(5));
				assertThat(reply).isNotNull();
				assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("pushed");
			}
		});
	}

}
