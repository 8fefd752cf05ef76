package io.dtls.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents the observation of {@code @DtlsListener} method calls: its default convention and
 * its keys.
 *
 * @since 0.1.0
 */
public enum DtlsListenerObservation implements ObservationDocumentation {

	/**
	 * One call of a listener method, from the start of the call until it returns or, for a
	 * method that returns a {@link java.util.concurrent.CompletionStage}, until the stage
	 * completes.
	 */
	LISTENER_OBSERVATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultDtlsListenerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Keys with a bounded set of values, which metrics may use as tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** Id of the listener endpoint. */
		LISTENER_ID {

			@Override
			public String asString() {
				return "dtls.listener.id";
			}

		},

		/** IANA name of the connection's cipher suite. */
		CIPHER_SUITE {

			@Override
			public String asString() {
				return "dtls.cipher.suite";
			}

		}

	}

	/**
	 * Keys whose values can differ for every peer, for traces only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** IP address of the peer that sent the message. */
		PEER_ADDRESS {

			@Override
			public String asString() {
				return "network.peer.address";
			}

		},

		/** UDP port of the peer that sent the message. */
		PEER_PORT {

			@Override
			public String asString() {
				return "network.peer.port";
			}

		}

	}

}
