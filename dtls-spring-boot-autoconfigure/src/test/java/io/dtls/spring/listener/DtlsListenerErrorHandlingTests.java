package io.dtls.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtls.core.DtlsConnectionClosedException;
import io.dtls.core.DtlsPayloadTooLargeException;
import io.dtls.spring.listener.LoopbackDtls.Link;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Failures of {@link DtlsListener} methods and their replies, and what error handlers do with them.
 */
@ExtendWith(OutputCaptureExtension.class)
class DtlsListenerErrorHandlingTests {

	private static LoopbackDtls dtls;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(DtlsListenerConfiguration.class, RecordingErrorHandlerConfiguration.class);

	@BeforeAll
	static void startDtls() {
		dtls = LoopbackDtls.start();
	}

	@AfterAll
	static void stopDtls() {
		dtls.close();
	}

	@Test
	void defaultErrorHandlerKeepsConnectionOpen(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ThrowingListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

				dispatcher.handleMessage(link.message("boom"));
				dispatcher.handleMessage(link.message("ping"));

				assertThat(link.receiveText()).isEqualTo("echo: ping");
				assertThat(link.peer().isOpen()).isTrue();
				assertThat(output).contains("DTLS listener 'echo'")
					.contains("connection " + link.peer().connectionId())
					.contains(link.peer().address().toString())
					.contains("IllegalArgumentException: no boom allowed");
			}
		});
	}

	@Test
	void customErrorHandlerReplyIsSent() {
		this.contextRunner.withUserConfiguration(ThrowingListenerWithReplyingHandler.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("boom"));

				assertThat(link.receiveText()).isEqualTo("error in replying: no boom allowed");
			}
		});
	}

	@Test
	void errorHandlerReceivesListenerIdPeerAndCause() {
		this.contextRunner.withUserConfiguration(ThrowingListenerWithRecordingHandler.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("boom"));

				RecordingErrorHandler errorHandler = context.getBean(RecordingErrorHandler.class);
				DtlsListenerExecutionFailedException failure = recordedFailure(errorHandler);
				assertThat(failure.getListenerId()).isEqualTo("recorded");
				assertThat(failure.getPeer()).isSameAs(link.peer());
				assertThat(failure.getCause()).isInstanceOf(IllegalArgumentException.class)
					.hasMessage("no boom allowed");
				assertThat(failure).hasMessageContaining("'recorded'")
					.hasMessageContaining("onMessage(String)")
					.hasMessageContaining(link.peer().connectionId());
			}
		});
	}

	@Test
	void errorHandlerNameWithPlaceholder() {
		this.contextRunner.withUserConfiguration(PlaceholderErrorHandlerListener.class)
			.withPropertyValues("listeners.error-handler=recordingErrorHandler")
			.run((context) -> {
				try (Link link = dtls.connect()) {
					context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("boom"));

					assertThat(recordedFailure(context.getBean(RecordingErrorHandler.class)).getListenerId())
						.isEqualTo("placeholder");
				}
			});
	}

	@Test
	void throwingErrorHandlerKeepsConnectionOpen(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ThrowingErrorHandlerListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

				dispatcher.handleMessage(link.message("boom"));
				dispatcher.handleMessage(link.message("ping"));

				assertThat(link.receiveText()).isEqualTo("echo: ping");
				assertThat(link.peer().isOpen()).isTrue();
				assertThat(output).contains("Error handler of DTLS listener 'throwingHandler'")
					.contains("the connection stays open")
					.contains("IllegalStateException: handler broke");
			}
		});
	}

	@Test
	void errorHandlerMayCloseConnection() {
		this.contextRunner.withUserConfiguration(ClosingErrorHandlerListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("boom"));

				assertThat(link.peer().isOpen()).isFalse();
				assertThatExceptionOfType(DtlsConnectionClosedException.class)
					.isThrownBy(() -> link.client().receive(Duration.ofSeconds(5)));
			}
		});
	}

	@Test
	void unconvertiblePayloadNamesMethodAndType() {
		this.contextRunner.withUserConfiguration(ReadingListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("not json"));

				RecordingErrorHandler errorHandler = context.getBean(RecordingErrorHandler.class);
				DtlsListenerExecutionFailedException failure = recordedFailure(errorHandler);
				assertThat(failure.getListenerId()).isEqualTo("readings");
				assertThat(failure.getCause()).isInstanceOf(MessageConversionException.class)
					.hasMessageContaining("8-byte payload")
					.hasMessageContaining(Reading.class.getName())
					.hasMessageContaining("ReadingListener.onReading(Reading)");
				assertThat(context.getBean(ReadingListener.class).received).isEmpty();
			}
		});
	}

	@Test
	void conversionFailureLogOmitsPayload(CapturedOutput output) {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		loggingSystem.setLogLevel(LoggingDtlsListenerErrorHandler.class.getName(), LogLevel.INFO);
		try {
			this.contextRunner.withUserConfiguration(DefaultHandlerReadingListener.class).run((context) -> {
				try (Link link = dtls.connect()) {
					context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("secret-token-42"));

					assertThat(output).contains("DTLS listener 'plainReadings'")
						.contains("connection " + link.peer().connectionId())
						.contains("could not be converted")
						.doesNotContain("secret");
				}
			});
		}
		finally {
			loggingSystem.setLogLevel(LoggingDtlsListenerErrorHandler.class.getName(), null);
		}
	}

	@Test
	void invalidPayloadGoesToErrorHandler() {
		this.contextRunner.withUserConfiguration(ValidatingConfiguration.class, ValidatedReadingListener.class)
			.run((context) -> {
				try (Link link = dtls.connect()) {
					DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

					dispatcher.handleMessage(link.message("{\"sensor\":\"\",\"celsius\":1}"));
					dispatcher.handleMessage(link.message("{\"sensor\":\"ok\",\"celsius\":2}"));

					assertThat(recordedFailure(context.getBean(RecordingErrorHandler.class)).getCause())
						.isInstanceOf(MethodArgumentNotValidException.class);
					assertThat(context.getBean(ValidatedReadingListener.class).received)
						.containsExactly(new Reading("ok", 2));
				}
			});
	}

	@Test
	void exceptionallyCompletedFutureGoesToErrorHandler() {
		this.contextRunner.withUserConfiguration(FailingFutureListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));
				context.getBean(FailingFutureListener.class).future
					.completeExceptionally(new IllegalStateException("backend down"));

				RecordingErrorHandler errorHandler = context.getBean(RecordingErrorHandler.class);
				DtlsListenerExecutionFailedException failure = recordedFailure(errorHandler);
				assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("backend down");
				assertThat(failure).hasMessageContaining("completed exceptionally");
				assertThat(link.receiveUnexpected()).isNull();
			}
		});
	}

	@Test
	void tooLargeReplyGoesToErrorHandler() {
		this.contextRunner.withUserConfiguration(TooLargeReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

				RecordingErrorHandler errorHandler = context.getBean(RecordingErrorHandler.class);
				DtlsListenerExecutionFailedException failure = recordedFailure(errorHandler);
				assertThat(failure.getCause()).isInstanceOf(DtlsPayloadTooLargeException.class);
				assertThat(failure).hasMessageContaining("Failed to send the reply");
				assertThat(link.peer().isOpen()).isTrue();
			}
		});
	}

	@Test
	void failedErrorHandlerReplyIsOnlyLogged(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(TooLargeErrorReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerDispatcher dispatcher = context.getBean(DtlsListenerDispatcher.class);

				dispatcher.handleMessage(link.message("boom"));

				assertThat(context.getBean(TooLargeErrorReplyListener.class).errorHandlerCalls).hasSize(1);
				assertThat(output).contains("Failed to send the reply that the error handler of DTLS listener"
						+ " 'largeErrorReply'")
					.contains("DtlsPayloadTooLargeException");
				assertThat(link.peer().isOpen()).isTrue();
			}
		});
	}

	private static DtlsListenerExecutionFailedException recordedFailure(RecordingErrorHandler handler) {
		assertThat(handler.failures).hasSize(1);
		return handler.failures.get(0);
	}

	record Reading(String sensor, double celsius) {
	}

	static class RecordingErrorHandler implements DtlsListenerErrorHandler {

		final List<DtlsListenerExecutionFailedException> failures = new CopyOnWriteArrayList<>();

		@Override
		public Object handleError(org.springframework.messaging.Message<?> message,
				DtlsListenerExecutionFailedException exception) {
			this.failures.add(exception);
			return null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingErrorHandlerConfiguration {

		@Bean
		RecordingErrorHandler recordingErrorHandler() {
			return new RecordingErrorHandler();
		}

	}

	static class ThrowingListener {

		@DtlsListener(id = "echo")
		String onMessage(String payload) {
			if (payload.equals("boom")) {
				throw new IllegalArgumentException("no boom allowed");
			}
			return "echo: " + payload;
		}

	}

	static class ThrowingListenerWithReplyingHandler {

		@DtlsListener(id = "replying", errorHandler = "replyingErrorHandler")
		String onMessage(String payload) {
			throw new IllegalArgumentException("no boom allowed");
		}

		@Bean
		DtlsListenerErrorHandler replyingErrorHandler() {
			return (message, exception) -> "error in " + exception.getListenerId() + ": "
					+ exception.getCause().getMessage();
		}

	}

	static class ThrowingListenerWithRecordingHandler {

		@DtlsListener(id = "recorded", errorHandler = "recordingErrorHandler")
		String onMessage(String payload) {
			throw new IllegalArgumentException("no boom allowed");
		}

	}

	static class PlaceholderErrorHandlerListener {

		@DtlsListener(id = "placeholder", errorHandler = "${listeners.error-handler}")
		void onMessage(String payload) {
			throw new IllegalArgumentException("no boom allowed");
		}

	}

	static class ThrowingErrorHandlerListener {

		@DtlsListener(id = "throwingHandler", errorHandler = "throwingErrorHandler")
		String onMessage(String payload) {
			if (payload.equals("boom")) {
				throw new IllegalArgumentException("no boom allowed");
			}
			return "echo: " + payload;
		}

		@Bean
		DtlsListenerErrorHandler throwingErrorHandler() {
			return (message, exception) -> {
				throw new IllegalStateException("handler broke");
			};
		}

	}

	static class ClosingErrorHandlerListener {

		@DtlsListener(errorHandler = "closingErrorHandler")
		void onMessage(String payload) {
			throw new IllegalArgumentException("no boom allowed");
		}

		@Bean
		DtlsListenerErrorHandler closingErrorHandler() {
			return (message, exception) -> {
				exception.getPeer().connection().close();
				return null;
			};
		}

	}

	static class ReadingListener {

		final List<Reading> received = new CopyOnWriteArrayList<>();

		@DtlsListener(id = "readings", errorHandler = "recordingErrorHandler")
		void onReading(Reading reading) {
			this.received.add(reading);
		}

	}

	static class DefaultHandlerReadingListener {

		@DtlsListener(id = "plainReadings")
		void onReading(Reading reading) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ValidatingConfiguration {

		@Bean
		Validator readingValidator() {
			return new Validator() {

				@Override
				public boolean supports(Class<?> type) {
					return type == Reading.class;
				}

				@Override
				public void validate(Object target, Errors errors) {
					if (((Reading) target).sensor().isEmpty()) {
						errors.rejectValue("sensor", "empty", "sensor must not be empty");
					}
				}

			};
		}

	}

	static class ValidatedReadingListener {

		final List<Reading> received = new CopyOnWriteArrayList<>();

		@DtlsListener(errorHandler = "recordingErrorHandler")
		void onReading(@Validated Reading reading) {
			this.received.add(reading);
		}

	}

	static class FailingFutureListener {

		final CompletableFuture<String> future = new CompletableFuture<>();

		@DtlsListener(errorHandler = "recordingErrorHandler")
		CompletableFuture<String> onMessage(String payload) {
			return this.future;
		}

	}

	static class TooLargeReplyListener {

		@DtlsListener(errorHandler = "recordingErrorHandler")
		byte[] onMessage(String payload) {
			return new byte[5000];
		}

	}

	static class TooLargeErrorReplyListener {

		final List<String> errorHandlerCalls = new CopyOnWriteArrayList<>();

		@DtlsListener(id = "largeErrorReply", errorHandler = "largeReplyErrorHandler")
		void onMessage(String payload) {
			throw new IllegalArgumentException("no boom allowed");
		}

		@Bean
		DtlsListenerErrorHandler largeReplyErrorHandler() {
			return (message, exception) -> {
				this.errorHandlerCalls.add(exception.getListenerId());
				return new byte[5000];
			};
		}

	}

}
