package io.dtls.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of a {@code DtlsTemplate} send and chooses its key values. Define a
 * bean of this type to replace {@link DefaultDtlsTemplateObservationConvention}.
 *
 * @since 0.1.0
 * @see DtlsTemplateObservation
 */
public interface DtlsTemplateObservationConvention extends ObservationConvention<DtlsTemplateObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof DtlsTemplateObservationContext;
	}

}
