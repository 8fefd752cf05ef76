package io.dtls.spring.listener;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.listener.LoopbackDtls.Link;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.AliasFor;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The dispatch rule: the first running listener by order whose condition matches takes the message.
 */
class DtlsListenerDispatchTests {

	private static LoopbackDtls dtls;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(DtlsListenerConfiguration.class);

	@BeforeAll
	static void startDtls() {
		dtls = LoopbackDtls.start();
	}

	@AfterAll
	static void stopDtls() {
		dtls.close();
	}

	@Test
	void lowestOrderTakesMessage() {
		this.contextRunner.withUserConfiguration(OrderedListeners.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("a"));

				assertThat(context.getBean(OrderedListeners.class).calls).containsExactly("first:a");
			}
		});
	}

	@Test
	void registryListsEndpointsInDispatchOrder() {
		this.contextRunner.withUserConfiguration(OrderedListeners.class).run((context) -> {
			DtlsListenerEndpointRegistry registry = context.getBean(DtlsListenerEndpointRegistry.class);

			assertThat(registry.getListenerEndpoints()).extracting(DtlsListenerEndpoint::getId)
				.containsExactly("first", "second");
			assertThat(registry.getListenerEndpointIds()).containsExactlyInAnyOrder("first", "second");
		});
	}

	@Test
	void falseConditionFallsThroughToNextListener() {
		this.contextRunner.withUserConfiguration(ConditionalListeners.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

				dispatcher.handleMessage(link.message("alarm:fire"));
				dispatcher.handleMessage(link.message("reading:21"));

				assertThat(context.getBean(ConditionalListeners.class).calls).containsExactly("alarm:alarm:fire",
						"fallback:reading:21");
			}
		});
	}

	@Test
	void conditionOnPeerVariable() {
		this.contextRunner.withUserConfiguration(PeerConditionListeners.class).run((context) -> {
			try (Link authenticated = dtls.connect(); Link anonymous = dtls.connectAnonymous()) {
				DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

				dispatcher.handleMessage(anonymous.message("x"));
				dispatcher.handleMessage(authenticated.message("y"));

				assertThat(context.getBean(PeerConditionListeners.class).calls).containsExactly("anonymous:x",
						"authenticated:y");
			}
		});
	}

	@Test
	void conditionOnHeaders() {
		this.contextRunner.withUserConfiguration(HeaderConditionListeners.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

				dispatcher.handleMessage(link.message("plain"));
				dispatcher.handleMessage(MessageBuilder.fromMessage(link.message("tagged"))
					.setHeader("priority", "high")
					.build());

				assertThat(context.getBean(HeaderConditionListeners.class).calls).containsExactly("ecdsa:plain",
						"priority:tagged");
			}
		});
	}

	@Test
	void conditionWithPlaceholder() {
		this.contextRunner.withUserConfiguration(PlaceholderConditionListener.class)
			.withPropertyValues("listeners.prefix=cmd:")
			.run((context) -> {
				try (Link link = dtls.connect()) {
					DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

					dispatcher.handleMessage(link.message("cmd:reboot"));
					dispatcher.handleMessage(link.message("other"));

					assertThat(context.getBean(PlaceholderConditionListener.class).calls)
						.containsExactly("cmd:reboot");
					assertThat(context.getBean(DtlsListenerEndpointRegistry.class).getListenerEndpoint("commands")
						.getCondition()).isEqualTo("new String(payload).startsWith('cmd:')");
				}
			});
	}

	@Test
	void unmatchedMessageIsCounted() {
		this.contextRunner.withUserConfiguration(PlaceholderConditionListener.class)
			.withPropertyValues("listeners.prefix=cmd:")
			.run((context) -> {
				try (Link link = dtls.connect()) {
					DtlsListenerEndpointRegistry registry = context.getBean(DtlsListenerEndpointRegistry.class);

					context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("not a command"));

					assertThat(registry.getUnmatchedMessageCount()).isEqualTo(1);
					assertThat(context.getBean(PlaceholderConditionListener.class).calls).isEmpty();
					assertThat(link.receiveUnexpected()).isNull();
				}
			});
	}

	@Test
	void stoppedEndpointIsSkipped() {
		this.contextRunner.withUserConfiguration(OrderedListeners.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerEndpointRegistry registry = context.getBean(DtlsListenerEndpointRegistry.class);
				DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

				registry.getListenerEndpoint("first").stop();
				dispatcher.handleMessage(link.message("a"));
				registry.getListenerEndpoint("first").start();
				dispatcher.handleMessage(link.message("b"));

				assertThat(context.getBean(OrderedListeners.class).calls).containsExactly("second:a", "first:b");
			}
		});
	}

	@Test
	void autoStartupFalseFromPlaceholderWaitsForStart() {
		this.contextRunner.withUserConfiguration(AuditListener.class)
			.withPropertyValues("listeners.audit.enabled=false")
			.run((context) -> {
				try (Link link = dtls.connect()) {
					DtlsListenerEndpointRegistry registry = context.getBean(DtlsListenerEndpointRegistry.class);
					DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);
					DtlsListenerEndpoint endpoint = registry.getListenerEndpoint("audit");

					assertThat(registry.isRunning()).isTrue();
					assertThat(endpoint.isAutoStartup()).isFalse();
					assertThat(endpoint.isRunning()).isFalse();
					dispatcher.handleMessage(link.message("early"));
					assertThat(registry.getUnmatchedMessageCount()).isEqualTo(1);

					endpoint.start();
					dispatcher.handleMessage(link.message("late"));

					assertThat(context.getBean(AuditListener.class).calls).containsExactly("late");
				}
			});
	}

	@Test
	void autoStartupDefaultsToTrueWithPlaceholder() {
		this.contextRunner.withUserConfiguration(AuditListener.class).run((context) -> {
			DtlsListenerEndpoint endpoint = context.getBean(DtlsListenerEndpointRegistry.class)
				.getListenerEndpoint("audit");

			assertThat(endpoint.isRunning()).isTrue();
		});
	}

	@Test
	void registryRestartStartsEveryEndpoint() {
		this.contextRunner.withUserConfiguration(AuditListener.class)
			.withPropertyValues("listeners.audit.enabled=false")
			.run((context) -> {
				DtlsListenerEndpointRegistry registry = context.getBean(DtlsListenerEndpointRegistry.class);

				registry.stop();
				assertThat(registry.isRunning()).isFalse();
				registry.start();

				assertThat(registry.getListenerEndpoint("audit").isRunning()).isTrue();
			});
	}

	@Test
	void contextStopStopsEndpoints() {
		this.contextRunner.withUserConfiguration(OrderedListeners.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerEndpointRegistry registry = context.getBean(DtlsListenerEndpointRegistry.class);

				context.stop();
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("a"));

				assertThat(registry.getListenerEndpoint("first").isRunning()).isFalse();
				assertThat(registry.getUnmatchedMessageCount()).isEqualTo(1);
				assertThat(context.getBean(OrderedListeners.class).calls).isEmpty();
			}
		});
	}

	@Test
	void registryPhaseIsBelowDefaultPhase() {
		this.contextRunner.run((context) -> assertThat(context.getBean(DtlsListenerEndpointRegistry.class).getPhase())
			.isEqualTo(Integer.MAX_VALUE - 2048));
	}

	@Test
	void idsAreGeneratedWhenUnset() {
		this.contextRunner.withUserConfiguration(UnnamedListener.class).run((context) -> {
			assertThat(context.getBean(DtlsListenerEndpointRegistry.class).getListenerEndpointIds())
				.containsExactly(DtlsListenerAnnotationBeanPostProcessor.GENERATED_ID_PREFIX + "0");
		});
	}

	@Test
	void idWithPlaceholder() {
		this.contextRunner.withUserConfiguration(PlaceholderIdListener.class)
			.withPropertyValues("listeners.id=telemetry")
			.run((context) -> assertThat(context.getBean(DtlsListenerEndpointRegistry.class).getListenerEndpointIds())
				.containsExactly("telemetry"));
	}

	@Test
	void composedAnnotationRegistersListener() {
		this.contextRunner.withUserConfiguration(ComposedAnnotationListeners.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerEndpoint endpoint = context.getBean(DtlsListenerEndpointRegistry.class)
					.getListenerEndpoint("alarms");

				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("smoke"));

				assertThat(endpoint.getOrder()).isEqualTo(5);
				assertThat(context.getBean(ComposedAnnotationListeners.class).calls).containsExactly("alarm:smoke");
			}
		});
	}

	@Test
	void messageWithoutPeerHeaderIsRejected() {
		this.contextRunner.withUserConfiguration(OrderedListeners.class).run((context) -> {
			DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

			assertThatExceptionOfType(MessageHandlingException.class)
				.isThrownBy(() -> dispatcher.handleMessage(MessageBuilder.withPayload(new byte[] { 1 }).build()))
				.withMessageContaining("header '" + DtlsHeaders.PEER + "'");
			assertThat(context.getBean(OrderedListeners.class).calls).isEmpty();
		});
	}

	@Test
	void failingConditionGoesToErrorHandlerOnly() {
		this.contextRunner.withUserConfiguration(FailingConditionListeners.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("x"));

				FailingConditionListeners listeners = context.getBean(FailingConditionListeners.class);
				assertThat(listeners.calls).containsExactly("error:broken");
				assertThat(listeners.failures.get(0)).hasMessageContaining("condition")
					.hasMessageContaining("'broken'")
					.hasMessageContaining(link.peer().connectionId());
				assertThat(context.getBean(DtlsListenerEndpointRegistry.class).getUnmatchedMessageCount()).isZero();
			}
		});
	}

	@Test
	void concurrentPeersGetTheirOwnReplies() {
		this.contextRunner.withUserConfiguration(EchoListener.class).run((context) -> {
			try (Link first = dtls.connect(); Link second = dtls.connectAnonymous()) {
				DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);
				int messagesPerPeer = 20;
				ExecutorService executor = Executors.newFixedThreadPool(2);
				try {
					List<Future<?>> senders = new ArrayList<>();
					for (Link link : List.of(first, second)) {
						senders.add(executor.submit(() -> {
							for (int i = 0; i < messagesPerPeer; i++) {
								dispatcher.handleMessage(link.message(link.peer().connectionId() + ":" + i));
							}
						}));
					}
					for (Future<?> sender : senders) {
						sender.get(10, TimeUnit.SECONDS);
					}
				}
				finally {
					executor.shutdownNow();
				}

				for (Link link : List.of(first, second)) {
					for (int i = 0; i < messagesPerPeer; i++) {
						assertThat(link.receiveText()).isEqualTo(link.peer().connectionId() + ":" + i);
					}
				}
			}
		});
	}

	static class EchoListener {

		@DtlsListener
		String echo(String payload) {
			return payload;
		}

	}

	static class OrderedListeners {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@DtlsListener(id = "second", order = 2)
		void second(String payload) {
			this.calls.add("second:" + payload);
		}

		@DtlsListener(id = "first", order = 1)
		void first(String payload) {
			this.calls.add("first:" + payload);
		}

	}

	static class ConditionalListeners {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@DtlsListener(order = 1, condition = "new String(payload).startsWith('alarm:')")
		void alarm(String payload) {
			this.calls.add("alarm:" + payload);
		}

		@DtlsListener(order = 2)
		void fallback(String payload) {
			this.calls.add("fallback:" + payload);
		}

	}

	static class PeerConditionListeners {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@DtlsListener(order = 1, condition = "#peer.principal() == null")
		void anonymous(String payload) {
			this.calls.add("anonymous:" + payload);
		}

		@DtlsListener(order = 2, condition = "#peer.principal().getName() == 'CN=sensor-17'")
		void authenticated(String payload) {
			this.calls.add("authenticated:" + payload);
		}

	}

	static class HeaderConditionListeners {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@DtlsListener(order = 1, condition = "headers['priority'] == 'high'")
		void priority(String payload) {
			this.calls.add("priority:" + payload);
		}

		@DtlsListener(order = 2, condition = "headers['dtls_cipherSuite'].startsWith('TLS_ECDHE_ECDSA_')")
		void ecdsa(String payload) {
			this.calls.add("ecdsa:" + payload);
		}

	}

	static class PlaceholderConditionListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@DtlsListener(id = "commands", condition = "new String(payload).startsWith('${listeners.prefix}')")
		void onCommand(String payload) {
			this.calls.add(payload);
		}

	}

	static class AuditListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@DtlsListener(id = "audit", autoStartup = "${listeners.audit.enabled:true}")
		void onMessage(String payload) {
			this.calls.add(payload);
		}

	}

	static class UnnamedListener {

		@DtlsListener
		void onMessage(byte[] payload) {
		}

	}

	static class PlaceholderIdListener {

		@DtlsListener(id = "${listeners.id}")
		void onMessage(byte[] payload) {
		}

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@DtlsListener(order = 5)
	@interface AlarmListener {

		@AliasFor(annotation = DtlsListener.class, attribute = "id")
		String value();

	}

	static class ComposedAnnotationListeners {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@AlarmListener("alarms")
		void onAlarm(String payload) {
			this.calls.add("alarm:" + payload);
		}

		@DtlsListener(order = 10)
		void fallback(String payload) {
			this.calls.add("fallback:" + payload);
		}

	}

	static class FailingConditionListeners {

		final List<String> calls = new CopyOnWriteArrayList<>();

		final List<DtlsListenerExecutionFailedException> failures = new CopyOnWriteArrayList<>();

		@DtlsListener(id = "broken", order = 1, condition = "headers['missing'].length() > 0",
				errorHandler = "recordingErrorHandler")
		void broken(String payload) {
			this.calls.add("broken:" + payload);
		}

		@DtlsListener(order = 2)
		void fallback(String payload) {
			this.calls.add("fallback:" + payload);
		}

		@org.springframework.context.annotation.Bean
		DtlsListenerErrorHandler recordingErrorHandler() {
			return (message, exception) -> {
				this.calls.add("error:" + exception.getListenerId());
				this.failures.add(exception);
				return null;
			};
		}

	}

}
