package io.dtls.spring.integration;

import org.springframework.integration.dsl.MessageProducerSpec;

/**
 * The DSL spec of a {@link DtlsInboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class DtlsInboundChannelAdapterSpec
		extends MessageProducerSpec<DtlsInboundChannelAdapterSpec, DtlsInboundChannelAdapter> {

	protected DtlsInboundChannelAdapterSpec(DtlsInboundChannelAdapter adapter) {
		super(adapter);
	}

}
