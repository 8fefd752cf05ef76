package io.dtls.spring.metrics;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.dtls.spring.core.DtlsSend;
import io.dtls.spring.core.DtlsSendInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Times each send of a {@code DtlsTemplate} as {@value #TEMPLATE_SENDS}, from the call until its
 * future completes: until the datagram has left, or until the reply has arrived for
 * {@code sendAndReceive}. A send to a remote server that is not connected yet includes the
 * handshake.
 * <p>
 * Tags: {@code destination.type} ({@code peer}, {@code address} or {@code remote}),
 * {@code operation} ({@code send} or {@code send-and-receive}), {@code outcome} and
 * {@code exception}. The destination itself is not a tag, because the number of peers is not
 * bounded.
 *
 * @since 0.1.0
 */
public class DtlsTemplateMetrics implements DtlsSendInterceptor {

	/** Timer of template sends, tagged {@code destination.type}, {@code operation}, {@code outcome} and {@code exception}. */
	public static final String TEMPLATE_SENDS = "dtls.template.sends";

	private final MeterRegistry registry;

	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	public DtlsTemplateMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public <T> CompletableFuture<T> intercept(DtlsSend send, Supplier<CompletableFuture<T>> next) {
		Timer.Sample sample = Timer.start(this.registry);
		CompletableFuture<T> future;
		try {
			future = next.get();
		}
		catch (RuntimeException | Error ex) {
			record(sample, send, ex);
			throw ex;
		}
		future.whenComplete((result, ex) -> record(sample, send, ex));
		return future;
	}

	private void record(Timer.Sample sample, DtlsSend send, @Nullable Throwable failure) {
		TimerKey key = new TimerKey(send.destinationType(), send.operation(), MeterTags.exception(failure));
		sample.stop(this.timers.computeIfAbsent(key, this::timer));
	}

	private Timer timer(TimerKey key) {
		String outcome = MeterTags.NONE.equals(key.exception()) ? MeterTags.OUTCOME_SUCCESS : MeterTags.OUTCOME_FAILURE;
		return Timer.builder(TEMPLATE_SENDS)
			.description("Sends of DtlsTemplate until the datagram left or, for send-and-receive, the reply arrived")
			.tags("destination.type", key.destinationType().value(), "operation", key.operation().value(), "outcome",
					outcome, "exception", key.exception())
			.register(this.registry);
	}

	private record TimerKey(DtlsSend.DestinationType destinationType, DtlsSend.Operation operation, String exception) {
	}

}
