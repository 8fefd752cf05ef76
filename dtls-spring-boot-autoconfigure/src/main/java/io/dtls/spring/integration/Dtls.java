package io.dtls.spring.integration;

import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.spring.core.DtlsTemplate;

/**
 * Factory of DTLS components for the Spring Integration Java DSL, beside {@code Udp} and
 * {@code Tcp}.
 *
 * <pre class="code">
 * IntegrationFlow.from(Dtls.inboundAdapter(DtlsServer.builder().port(5684).credentials(credentials)))
 *     .transform(Transformers.objectToString())
 *     .handle(Dtls.outboundAdapter(dtlsTemplate))   // replies to the sender
 *     .get();
 * </pre>
 *
 * @since 0.1.0
 */
public final class Dtls {

	private Dtls() {
	}

	/**
	 * Creates an inbound adapter with a server of its own, built from {@code serverBuilder}
	 * when the adapter starts. The builder's handler is replaced by the adapter.
	 */
	public static DtlsInboundChannelAdapterSpec inboundAdapter(DtlsServerBuilder serverBuilder) {
		return new DtlsInboundChannelAdapterSpec(new DtlsServerInboundChannelAdapter(serverBuilder));
	}

	/**
	 * Creates an inbound adapter for an existing endpoint: pass the adapter to the server's or
	 * client's builder as its handler.
	 */
	public static DtlsInboundChannelAdapterSpec inboundAdapter(DtlsInboundChannelAdapter adapter) {
		return new DtlsInboundChannelAdapterSpec(adapter);
	}

	/**
	 * Creates an outbound adapter that sends through the template, by default to the
	 * {@code dtls_destination} header or else back to the {@code dtls_peer} that sent the
	 * message.
	 */
	public static DtlsSendingMessageHandlerSpec outboundAdapter(DtlsTemplate template) {
		return new DtlsSendingMessageHandlerSpec(new DtlsSendingMessageHandler(template));
	}

}
