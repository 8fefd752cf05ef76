package io.dtls.spring.observation;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.dtls.spring.core.DtlsSend;
import io.dtls.spring.core.DtlsSendInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each send of a {@code DtlsTemplate} as {@link DtlsTemplateObservation#TEMPLATE_OBSERVATION}.
 * The observation starts as a child of the current one, such as the observation of the
 * listener method that sends, and stops when the send's future completes.
 *
 * @since 0.1.0
 */
public class DtlsTemplateObservationInterceptor implements DtlsSendInterceptor {

	private final ObservationRegistry registry;

	private final @Nullable DtlsTemplateObservationConvention convention;

	/**
	 * Creates an interceptor with the default convention.
	 */
	public DtlsTemplateObservationInterceptor(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Creates an interceptor.
	 * @param convention the convention to use, or {@code null} for
	 * {@link DefaultDtlsTemplateObservationConvention}
	 */
	public DtlsTemplateObservationInterceptor(ObservationRegistry registry,
			@Nullable DtlsTemplateObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public <T> CompletableFuture<T> intercept(DtlsSend send, Supplier<CompletableFuture<T>> next) {
		Observation observation = DtlsTemplateObservation.TEMPLATE_OBSERVATION
			.observation(this.convention, DefaultDtlsTemplateObservationConvention.INSTANCE,
					() -> new DtlsTemplateObservationContext(send), this.registry)
			.start();
		CompletableFuture<T> future;
		try (Observation.Scope scope = observation.openScope()) {
			future = next.get();
		}
		catch (RuntimeException | Error ex) {
			ObservationCompletion.stop(observation, ex);
			throw ex;
		}
		ObservationCompletion.stopOnCompletion(observation, future);
		return future;
	}

}
