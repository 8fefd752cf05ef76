package io.dtls.spring.autoconfigure.metrics;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsHandshakeException;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.autoconfigure.LoopbackListeners;
import io.dtls.spring.autoconfigure.LoopbackPsk;
import io.dtls.spring.core.DtlsNoConnectionException;
import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.metrics.DtlsListenerMetrics;
import io.dtls.spring.metrics.DtlsMetrics;
import io.dtls.spring.metrics.DtlsTemplateMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The metrics with Spring Boot's Micrometer auto-configuration and a simple registry, fed by
 * real handshakes and datagrams on loopback.
 */
class DtlsMetricsAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DtlsAutoConfiguration.class, SslAutoConfiguration.class,
				LifecycleAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				DtlsMetricsAutoConfiguration.class))
		.withUserConfiguration(LoopbackListeners.class)
		.withPropertyValues(LoopbackPsk.SERVER_PROPERTIES);

	@Test
	void metricBeansPresentWithMeterRegistry() {
		this.runner.run((context) -> {
			assertThat(context.getBean(MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class);
			assertThat(context).hasSingleBean(DtlsMetrics.class);
			assertThat(context).hasSingleBean(DtlsListenerMetrics.class);
			assertThat(context).hasSingleBean(DtlsTemplateMetrics.class);
		});
	}

	@Test
	void metricBeansAbsentWithoutMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DtlsAutoConfiguration.class, SslAutoConfiguration.class,
					DtlsMetricsAutoConfiguration.class))
			.withPropertyValues(LoopbackPsk.SERVER_PROPERTIES)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(DtlsMetrics.class);
				assertThat(context).doesNotHaveBean(DtlsListenerMetrics.class);
			});
	}

	@Test
	void metricBeansAbsentWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(DtlsServer.class);
			assertThat(context).doesNotHaveBean(DtlsMetrics.class);
		});
	}

	@Test
	void idleServerRegistersEveryMeter() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			assertThat(registry.get(DtlsMetrics.CONNECTIONS_ACTIVE).gauge().value()).isZero();
			assertThat(registry.get(DtlsMetrics.DATAGRAMS_RECEIVED).functionCounter().count()).isZero();
			assertThat(registry.get(DtlsMetrics.BYTES_SENT).functionCounter().getId().getBaseUnit()).isEqualTo("bytes");
			// One counter per drop reason and per close reason, all at zero.
			assertThat(registry.get(DtlsMetrics.DATAGRAMS_DROPPED).functionCounters()).hasSize(DropReason.values().length);
			assertThat(registry.get(DtlsMetrics.CONNECTIONS_CLOSED).functionCounters()).hasSize(CloseReason.Kind.values().length);
			assertThat(registry.find(DtlsMetrics.HANDSHAKES).timer()).isNull();
		});
	}

	@Test
	void handshakeAndTrafficRecorded() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (DtlsClient client = LoopbackPsk.client()) {
				DtlsConnection connection = connect(context, client);
				assertThat(request(connection, "hello")).isEqualTo("hello");

				assertThat(registry.get(DtlsMetrics.CONNECTIONS_ACTIVE).gauge().value()).isEqualTo(1);
				Timer handshakes = registry.get(DtlsMetrics.HANDSHAKES)
					.tags("role", "server", "outcome", "success", "reason", "none")
					.timer();
				assertThat(handshakes.count()).isEqualTo(1);
				assertThat(handshakes.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
				// The handshake takes several flights each way, the request and the reply one each.
				assertThat(registry.get(DtlsMetrics.DATAGRAMS_RECEIVED).functionCounter().count()).isGreaterThan(2);
				assertThat(registry.get(DtlsMetrics.DATAGRAMS_SENT).functionCounter().count()).isGreaterThan(2);
				assertThat(registry.get(DtlsMetrics.BYTES_RECEIVED).functionCounter().count()).isGreaterThan(100);
				assertThat(registry.get(DtlsMetrics.BYTES_SENT).functionCounter().count()).isGreaterThan(100);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(listenerTimer(registry, "echo", "success", "none").count())
						.isEqualTo(1));

				connection.close();
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(registry.get(DtlsMetrics.CONNECTIONS_CLOSED)
						.tag("reason", "peer_close_notify")
						.functionCounter()
						.count()).isEqualTo(1));
				assertThat(registry.get(DtlsMetrics.CONNECTIONS_ACTIVE).gauge().value()).isZero();
			}
		});
	}

	@Test
	void handshakeFailureTaggedWithReason() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (DtlsClient client = LoopbackPsk.client("stranger", new byte[16])) {
				assertThatExceptionOfType(DtlsHandshakeException.class).isThrownBy(() -> connect(context, client));
			}

			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(registry.get(DtlsMetrics.HANDSHAKES)
					.tags("role", "server", "outcome", "failure", "reason", "psk_rejected")
					.timer()
					.count()).isEqualTo(1));
			assertThat(registry.find(DtlsMetrics.HANDSHAKES).tag("outcome", "success").timer()).isNull();
		});
	}

	@Test
	void dropsCountedByReason() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			InetSocketAddress server = context.getBean(DtlsServer.class).localAddress();

			// Shorter than a DTLS record header (13 bytes), then a header-sized datagram that is
			// not a ClientHello, from a source without a connection.
			LoopbackPsk.sendRawDatagram(server, new byte[5]);
			LoopbackPsk.sendRawDatagram(server, new byte[40]);

			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(dropped(registry, "malformed")).isEqualTo(1);
				assertThat(dropped(registry, "unexpected_from_unknown_peer")).isEqualTo(1);
			});
			assertThat(dropped(registry, "handshake_limit")).isZero();
			assertThat(registry.get(DtlsMetrics.DATAGRAMS_RECEIVED).functionCounter().count()).isEqualTo(2);
			assertThat(registry.get(DtlsMetrics.BYTES_RECEIVED).functionCounter().count()).isEqualTo(45);
		});
	}

	@Test
	void failingListenerTaggedWithException() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (DtlsClient client = LoopbackPsk.client()) {
				DtlsConnection connection = connect(context, client);
				connection.send(bytes("fail now"));
				assertThat(request(connection, "still open")).isEqualTo("still open");

				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(
							listenerTimer(registry, "fail", "failure", "IllegalStateException").count())
						.isEqualTo(1));
				assertThat(listenerTimer(registry, "echo", "success", "none").count()).isEqualTo(1);
			}
		});
	}

	@Test
	void templateSendsTaggedByDestinationAndOutcome() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			DtlsTemplate template = context.getBean(DtlsTemplate.class);
			try (DtlsClient client = LoopbackPsk.client()) {
				DtlsConnection connection = connect(context, client);
				// The client may finish its handshake a moment before the server registers the connection.
				await().atMost(TIMEOUT)
					.until(() -> context.getBean(DtlsServer.class).connection(connection.localAddress()).isPresent());
				template.send(connection.localAddress(), bytes("to address")).get();
				connection.send(bytes("push"));
				assertThat(receive(connection)).isEqualTo("to address");
				assertThat(receive(connection)).isEqualTo("pushed");
				assertThat(template.send(new InetSocketAddress("127.0.0.1", 9), bytes("nobody")))
					.failsWithin(TIMEOUT)
					.withThrowableThat()
					.withCauseInstanceOf(DtlsNoConnectionException.class);

				assertThat(templateTimer(registry, "address", "send", "success", "none").count()).isEqualTo(1);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(templateTimer(registry, "peer", "send", "success", "none").count())
						.isEqualTo(1));
				assertThat(templateTimer(registry, "address", "send", "failure", "DtlsNoConnectionException").count())
					.isEqualTo(1);
			}
		});
	}

	@Test
	void templateClientRecordedWithClientRole() {
		this.runner
			.withPropertyValues("dtls.client.psk.identity=" + LoopbackPsk.IDENTITY,
					"dtls.client.psk.key=hex:" + LoopbackPsk.KEY_HEX)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				DtlsTemplate template = context.getBean(DtlsTemplate.class);
				String destination = "127.0.0.1:" + context.getBean(DtlsServer.class).localAddress().getPort();

				byte[] reply = template.sendAndReceive(destination, bytes("round trip"), TIMEOUT).get();

				assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("round trip");
				assertThat(registry.get(DtlsMetrics.HANDSHAKES).tags("role", "client", "outcome", "success").timer().count())
					.isEqualTo(1);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(
							registry.get(DtlsMetrics.HANDSHAKES).tags("role", "server", "outcome", "success").timer().count())
						.isEqualTo(1));
				// Both ends of the association live in this application.
				assertThat(registry.get(DtlsMetrics.CONNECTIONS_ACTIVE).gauge().value()).isEqualTo(2);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(
							templateTimer(registry, "remote", "send-and-receive", "success", "none").count())
						.isEqualTo(1));
			});
	}

	private static DtlsConnection connect(AssertableApplicationContext context, DtlsClient client) {
		return client.connect("127.0.0.1", context.getBean(DtlsServer.class).localAddress().getPort());
	}

	private static String request(DtlsConnection connection, String text) throws InterruptedException {
		connection.send(bytes(text));
		return receive(connection);
	}

	private static String receive(DtlsConnection connection) throws InterruptedException {
		byte[] reply = connection.receive(TIMEOUT);
		assertThat(reply).as("reply within %s", TIMEOUT).isNotNull();
		return new String(reply, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static double dropped(MeterRegistry registry, String reason) {
		return registry.get(DtlsMetrics.DATAGRAMS_DROPPED).tag("reason", reason).functionCounter().count();
	}

	private static Timer listenerTimer(MeterRegistry registry, String listener, String outcome, String exception) {
		return registry.get(DtlsListenerMetrics.LISTENER_INVOCATIONS)
			.tags("listener", listener, "outcome", outcome, "exception", exception)
			.timer();
	}

	private static Timer templateTimer(MeterRegistry registry, String destinationType, String operation,
			String outcome, String exception) {
		return registry.get(DtlsTemplateMetrics.TEMPLATE_SENDS)
			.tags("destination.type", destinationType, "operation", operation, "outcome", outcome, "exception",
					exception)
			.timer();
	}

}
