package io.dtls.spring.metrics;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.dtls.spring.listener.DtlsListenerInvocation;
import io.dtls.spring.listener.DtlsListenerInvocationInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Times each call of a {@code @DtlsListener} method as {@value #LISTENER_INVOCATIONS}, tagged
 * with the listener id, the outcome and the exception's simple class name. A method that
 * returns a {@link CompletionStage} is timed until the stage completes.
 * <p>
 * The tags stay bounded: listener ids are fixed when the application starts, and the exception
 * classes are those the listener code throws.
 *
 * @since 0.1.0
 */
public class DtlsListenerMetrics implements DtlsListenerInvocationInterceptor {

	/** Timer of listener method calls, tagged {@code listener}, {@code outcome} and {@code exception}. */
	public static final String LISTENER_INVOCATIONS = "dtls.listener.invocations";

	private final MeterRegistry registry;

	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	public DtlsListenerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public @Nullable Object intercept(DtlsListenerInvocation invocation) throws Exception {
		String listenerId = invocation.getEndpoint().getId();
		Timer.Sample sample = Timer.start(this.registry);
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			record(sample, listenerId, ex);
			throw ex;
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> record(sample, listenerId, ex));
		}
		else {
			record(sample, listenerId, null);
		}
		return result;
	}

	private void record(Timer.Sample sample, String listenerId, @Nullable Throwable failure) {
		TimerKey key = new TimerKey(listenerId, MeterTags.exception(failure));
		sample.stop(this.timers.computeIfAbsent(key, this::timer));
	}

	private Timer timer(TimerKey key) {
		String outcome = MeterTags.NONE.equals(key.exception()) ? MeterTags.OUTCOME_SUCCESS : MeterTags.OUTCOME_FAILURE;
		return Timer.builder(LISTENER_INVOCATIONS)
			.description("Calls of @DtlsListener methods")
			.tags("listener", key.listenerId(), "outcome", outcome, "exception", key.exception())
			.register(this.registry);
	}

	private record TimerKey(String listenerId, String exception) {
	}

}
