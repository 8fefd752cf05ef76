package io.dtls.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of a {@code @DtlsListener} method call and chooses its key values.
 * Define a bean of this type to replace {@link DefaultDtlsListenerObservationConvention}.
 *
 * @since 0.1.0
 * @see DtlsListenerObservation
 */
public interface DtlsListenerObservationConvention extends ObservationConvention<DtlsListenerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof DtlsListenerObservationContext;
	}

}
