package io.dtls.spring.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.autoconfigure.LoopbackPsk;
import io.dtls.spring.health.DtlsHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DtlsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DtlsAutoConfiguration.class, SslAutoConfiguration.class,
				LifecycleAutoConfiguration.class, DtlsHealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues(LoopbackPsk.SERVER_PROPERTIES);

	@Test
	void indicatorRegisteredAsDtls() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DtlsHealthIndicator.class);
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("dtls"))
				.isSameAs(context.getBean(DtlsHealthIndicator.class));
		});
	}

	@Test
	void indicatorDisabledByProperty() {
		this.runner.withPropertyValues("management.health.dtls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DtlsHealthIndicator.class));
	}

	@Test
	void indicatorDisabledByDefaultsProperty() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DtlsHealthIndicator.class));
	}

	@Test
	void indicatorAbsentWithoutServer() {
		this.runner.withPropertyValues("dtls.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DtlsHealthIndicator.class));
	}

	@Test
	void indicatorAbsentWithoutHealthModule() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(DtlsServer.class);
			assertThat(context).doesNotHaveBean(DtlsHealthIndicator.class);
		});
	}

	@Test
	void upWithDetailsWhileRunning() {
		this.runner.withPropertyValues("dtls.server.demux=router").run((context) -> {
			DtlsServer server = context.getBean(DtlsServer.class);
			Health health = context.getBean(DtlsHealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("address", "127.0.0.1:" + server.localAddress().getPort());
			assertThat(health.getDetails()).containsEntry("demux", "router");
			assertThat(health.getDetails()).containsEntry("connections", 0);
			assertThat(health.getDetails()).containsEntry("handshakesInProgress", 0);
		});
	}

	@Test
	void countsConnectedClients() {
		this.runner.run((context) -> {
			DtlsServer server = context.getBean(DtlsServer.class);
			DtlsHealthIndicator indicator = context.getBean(DtlsHealthIndicator.class);
			try (DtlsClient client = LoopbackPsk.client()) {
				DtlsConnection connection = client.connect("127.0.0.1", server.localAddress().getPort());

				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(indicator.health().getDetails()).containsEntry("connections", 1));
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				connection.close();
			}
		});
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void reportsConnectedDemux() {
		this.runner.withPropertyValues("dtls.server.demux=connected").run((context) -> {
			Health health = context.getBean(DtlsHealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("demux", "connected");
		});
	}

	@Test
	void downAfterServerStops() {
		this.runner.withPropertyValues("dtls.server.demux=router").run((context) -> {
			DtlsServer server = context.getBean(DtlsServer.class);
			server.stop(Duration.ofSeconds(2));

			Health health = context.getBean(DtlsHealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("demux", "router");
			assertThat(health.getDetails()).doesNotContainKey("address");
		});
	}

	@Test
	void downBeforeServerStarts() {
		DtlsServer server = DtlsServer.builder()
			.port(0)
			.pskStore(StaticPskStore.of(Map.of(LoopbackPsk.IDENTITY, new byte[16])))
			.build();

		Health health = new DtlsHealthIndicator(server).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsOnlyKeys("demux");
	}

}
