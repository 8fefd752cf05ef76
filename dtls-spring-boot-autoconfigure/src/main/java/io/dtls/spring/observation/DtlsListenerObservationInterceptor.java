package io.dtls.spring.observation;

import java.util.concurrent.CompletionStage;

import io.dtls.spring.listener.DtlsListenerInvocation;
import io.dtls.spring.listener.DtlsListenerInvocationInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each call of a {@code @DtlsListener} method as {@link DtlsListenerObservation#LISTENER_OBSERVATION}.
 * The observation is current while the method runs, so that the observations of what the
 * method calls, such as a {@code DtlsTemplate} send, become its children.
 *
 * @since 0.1.0
 */
public class DtlsListenerObservationInterceptor implements DtlsListenerInvocationInterceptor {

	private final ObservationRegistry registry;

	private final @Nullable DtlsListenerObservationConvention convention;

	/**
	 * Creates an interceptor with the default convention.
	 */
	public DtlsListenerObservationInterceptor(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Creates an interceptor.
	 * @param convention the convention to use, or {@code null} for
	 * {@link DefaultDtlsListenerObservationConvention}
	 */
	public DtlsListenerObservationInterceptor(ObservationRegistry registry,
			@Nullable DtlsListenerObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public @Nullable Object intercept(DtlsListenerInvocation invocation) throws Exception {
		Observation observation = DtlsListenerObservation.LISTENER_OBSERVATION
			.observation(this.convention, DefaultDtlsListenerObservationConvention.INSTANCE,
					() -> new DtlsListenerObservationContext(invocation), this.registry)
			.start();
		Object result;
		try (Observation.Scope scope = observation.openScope()) {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			ObservationCompletion.stop(observation, ex);
			throw ex;
		}
		if (result instanceof CompletionStage<?> stage) {
			ObservationCompletion.stopOnCompletion(observation, stage);
		}
		else {
			observation.stop();
		}
		return result;
	}

}
