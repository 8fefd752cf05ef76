package io.dtls.spring.observation;

import io.dtls.spring.core.DtlsSend;
import io.dtls.spring.observation.DtlsTemplateObservation.HighCardinalityKeyNames;
import io.dtls.spring.observation.DtlsTemplateObservation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link DtlsTemplateObservationConvention}: the observation is named
 * {@value #NAME}, its contextual name is {@code dtls} followed by the operation, such as
 * {@code dtls send}, and it carries the keys that {@link DtlsTemplateObservation} lists.
 *
 * @since 0.1.0
 */
public class DefaultDtlsTemplateObservationConvention implements DtlsTemplateObservationConvention {

	/** Name of the observation, and of the timer that Micrometer derives from it. */
	public static final String NAME = "dtls.template.send";

	/** A shared instance; the convention keeps no state. */
	public static final DefaultDtlsTemplateObservationConvention INSTANCE = new DefaultDtlsTemplateObservationConvention();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(DtlsTemplateObservationContext context) {
		return "dtls " + context.getSend().operation().value();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DtlsTemplateObservationContext context) {
		DtlsSend send = context.getSend();
		return KeyValues.of(LowCardinalityKeyNames.DESTINATION_TYPE.withValue(send.destinationType().value()),
				LowCardinalityKeyNames.OPERATION.withValue(send.operation().value()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(DtlsTemplateObservationContext context) {
		return KeyValues.of(HighCardinalityKeyNames.DESTINATION.withValue(context.getSend().destination()));
	}

}
