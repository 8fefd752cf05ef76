package io.dtls.spring.autoconfigure.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.autoconfigure.LoopbackListeners;
import io.dtls.spring.autoconfigure.LoopbackPsk;
import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.observation.DefaultDtlsListenerObservationConvention;
import io.dtls.spring.observation.DtlsListenerObservationContext;
import io.dtls.spring.observation.DtlsListenerObservationConvention;
import io.dtls.spring.observation.DtlsListenerObservationInterceptor;
import io.dtls.spring.observation.DtlsTemplateObservationInterceptor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listener and template observations, recorded in a {@link TestObservationRegistry} from
 * real DTLS traffic on loopback.
 */
class DtlsObservationAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DtlsAutoConfiguration.class, SslAutoConfiguration.class,
				LifecycleAutoConfiguration.class, DtlsObservationAutoConfiguration.class))
		.withUserConfiguration(LoopbackListeners.class)
		.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
		.withPropertyValues(LoopbackPsk.SERVER_PROPERTIES);

	@Test
	void nothingObservedByDefault() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(DtlsListenerObservationInterceptor.class);
			assertThat(context).doesNotHaveBean(DtlsTemplateObservationInterceptor.class);
			try (DtlsClient client = LoopbackPsk.client()) {
				DtlsConnection connection = connect(context, client);
				connection.send(bytes("push"));
				assertThat(receive(connection)).isEqualTo("pushed");
			}
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.doesNotHaveAnyObservation();
		});
	}

	@Test
	void nothingConfiguredWithoutObservationRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DtlsAutoConfiguration.class, SslAutoConfiguration.class,
					DtlsObservationAutoConfiguration.class))
			.withPropertyValues(LoopbackPsk.SERVER_PROPERTIES)
			.withPropertyValues("dtls.listener.observation-enabled=true", "dtls.template.observation-enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(DtlsListenerObservationInterceptor.class);
				assertThat(context).doesNotHaveBean(DtlsTemplateObservationInterceptor.class);
			});
	}

	@Test
	void listenerCallObservedWhenEnabled() {
		this.runner.withPropertyValues("dtls.listener.observation-enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(DtlsTemplateObservationInterceptor.class);
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			try (DtlsClient client = LoopbackPsk.client()) {
				DtlsConnection connection = connect(context, client);
				assertThat(request(connection, "hello")).isEqualTo("hello");
				String cipherSuite = connection.session().cipherSuite();
				String clientPort = Integer.toString(connection.localAddress().getPort());

				await().atMost(TIMEOUT)
					.untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
						.hasObservationWithNameEqualTo(DefaultDtlsListenerObservationConvention.NAME)
						.that()
						.hasBeenStopped()
						.hasContextualNameEqualTo("echo receive")
						.hasLowCardinalityKeyValue("dtls.listener.id", "echo")
						.hasLowCardinalityKeyValue("dtls.cipher.suite", cipherSuite)
						.hasHighCardinalityKeyValue("network.peer.address", "127.0.0.1")
						.hasHighCardinalityKeyValue("network.peer.port", clientPort)
						.doesNotHaveError());
			}
		});
	}

	@Test
	void listenerFailureRecordedAsError() {
		this.runner.withPropertyValues("dtls.listener.observation-enabled=true").run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			try (DtlsClient client = LoopbackPsk.client()) {
				connect(context, client).send(bytes("fail"));

				await().atMost(TIMEOUT)
					.untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
						.hasObservationWithNameEqualTo(DefaultDtlsListenerObservationConvention.NAME)
						.that()
						.hasBeenStopped()
						.hasLowCardinalityKeyValue("dtls.listener.id", "fail")
						.assertThatError()
						.isInstanceOf(IllegalStateException.class));
			}
		});
	}

	@Test
	void templateSendObservedWhenEnabled() {
		this.runner.withPropertyValues("dtls.template.observation-enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(DtlsListenerObservationInterceptor.class);
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			try (DtlsClient client = LoopbackPsk.client()) {
				DtlsConnection connection = connect(context, client);
				// The client may finish its handshake a moment before the server registers the connection.
				await().atMost(TIMEOUT)
					.until(() -> context.getBean(DtlsServer.class).connection(connection.localAddress()).isPresent());
				context.getBean(DtlsTemplate.class).send(connection.localAddress(), bytes("to address")).get();
				assertThat(receive(connection)).isEqualTo("to address");

				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("dtls.template.send")
					.that()
					.hasBeenStopped()
					.hasContextualNameEqualTo("dtls send")
					.hasLowCardinalityKeyValue("dtls.destination.type", "address")
					.hasLowCardinalityKeyValue("dtls.operation", "send")
					.hasHighCardinalityKeyValue("dtls.destination", "127.0.0.1:" + connection.localAddress().getPort())
					.doesNotHaveParentObservation();
			}
		});
	}

	@Test
	void sendFromListenerObservedAsChild() {
		this.runner.withPropertyValues("dtls.listener.observation-enabled=true", "dtls.template.observation-enabled=true")
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				try (DtlsClient client = LoopbackPsk.client()) {
					DtlsConnection connection = connect(context, client);
					connection.send(bytes("push"));
					assertThat(receive(connection)).isEqualTo("pushed");

					await().atMost(TIMEOUT)
						.untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
							.hasObservationWithNameEqualTo("dtls.template.send")
							.that()
							.hasBeenStopped()
							.hasLowCardinalityKeyValue("dtls.destination.type", "peer")
							.hasParentObservationContextMatching((parent) -> parent instanceof DtlsListenerObservationContext listener
									&& listener.getListenerId().equals("push")));
				}
			});
	}

	@Test
	void customListenerConventionReplacesDefault() {
		this.runner.withPropertyValues("dtls.listener.observation-enabled=true")
			.withBean(DtlsListenerObservationConvention.class, () -> new DefaultDtlsListenerObservationConvention() {

				@Override
				public String getName() {
					return "devices.messages";
				}

			})
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				try (DtlsClient client = LoopbackPsk.client()) {
					assertThat(request(connect(context, client), "hello")).isEqualTo("hello");

					await().atMost(TIMEOUT)
						.untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
							.hasObservationWithNameEqualTo("devices.messages")
							.that()
							.hasLowCardinalityKeyValue("dtls.listener.id", "echo"));
				}
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

}
