package io.dtls.spring.observation;

import java.net.InetSocketAddress;

import io.dtls.spring.observation.DtlsListenerObservation.HighCardinalityKeyNames;
import io.dtls.spring.observation.DtlsListenerObservation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link DtlsListenerObservationConvention}: the observation is named
 * {@value #NAME}, its contextual name is the listener id followed by {@code receive}, and it
 * carries the keys that {@link DtlsListenerObservation} lists.
 *
 * @since 0.1.0
 */
public class DefaultDtlsListenerObservationConvention implements DtlsListenerObservationConvention {

	/** Name of the observation, and of the timer that Micrometer derives from it. */
	public static final String NAME = "dtls.listener";

	/** A shared instance; the convention keeps no state. */
	public static final DefaultDtlsListenerObservationConvention INSTANCE = new DefaultDtlsListenerObservationConvention();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(DtlsListenerObservationContext context) {
		return context.getListenerId() + " receive";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DtlsListenerObservationContext context) {
		return KeyValues.of(LowCardinalityKeyNames.LISTENER_ID.withValue(context.getListenerId()),
				LowCardinalityKeyNames.CIPHER_SUITE.withValue(context.getPeer().cipherSuite()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(DtlsListenerObservationContext context) {
		InetSocketAddress address = context.getPeer().address();
		return KeyValues.of(HighCardinalityKeyNames.PEER_ADDRESS.withValue(address.getAddress().getHostAddress()),
				HighCardinalityKeyNames.PEER_PORT.withValue(Integer.toString(address.getPort())));
	}

}
