package io.dtls.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents the observation of {@code DtlsTemplate} sends: its default convention and its keys.
 *
 * @since 0.1.0
 */
public enum DtlsTemplateObservation implements ObservationDocumentation {

	/**
	 * One send, from the call until its future completes: until the datagram has left, or until
	 * the reply has arrived for {@code sendAndReceive}. A send to a remote server that is not
	 * connected yet includes the handshake.
	 */
	TEMPLATE_OBSERVATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultDtlsTemplateObservationConvention.class;
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

		/** Kind of destination: {@code peer}, {@code address} or {@code remote}. */
		DESTINATION_TYPE {

			@Override
			public String asString() {
				return "dtls.destination.type";
			}

		},

		/** {@code send}, or {@code send-and-receive} for a request that waits for a reply. */
		OPERATION {

			@Override
			public String asString() {
				return "dtls.operation";
			}

		}

	}

	/**
	 * Keys whose values can differ for every peer, for traces only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The peer's address or the remote server, as {@code host:port}. */
		DESTINATION {

			@Override
			public String asString() {
				return "dtls.destination";
			}

		}

	}

}
