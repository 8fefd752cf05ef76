package io.dtls.spring.boot;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.event.DtlsConnectionClosedEvent;
import io.dtls.spring.event.DtlsConnectionOpenedEvent;
import io.dtls.spring.integration.Dtls;
import io.dtls.spring.integration.DtlsServerInboundChannelAdapter;
import io.dtls.spring.listener.DtlsListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Integration side: interceptors on the inbound channel see listener traffic, a
 * {@code Dtls} DSL flow with its own server replies through the outbound adapter, and
 * connection events reach application listeners.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "dtls.server.port=0", "dtls.server.address=127.0.0.1",
				"dtls.server.psk.identities.device=integration-test-key" })
@Import(IntegrationEndToEndTest.Flows.class)
class IntegrationEndToEndTest {

	private static final byte[] KEY = "integration-test-key".getBytes(StandardCharsets.UTF_8);

	@Autowired
	private DtlsServer server;

	@Autowired
	@Qualifier(DtlsAutoConfiguration.INBOUND_CHANNEL_BEAN_NAME)
	private DirectChannel inboundChannel;

	@Autowired
	private Flows flows;

	@Autowired
	private DtlsServerInboundChannelAdapter flowAdapter;

	@Test
	void interceptorSeesListenerTraffic() throws Exception {
		List<Message<?>> seen = new CopyOnWriteArrayList<>();
		ChannelInterceptor tap = new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				seen.add(message);
				return message;
			}

		};
		this.inboundChannel.addInterceptor(tap);
		try (DtlsClient client = client()) {
			DtlsConnection connection = client.connect("127.0.0.1", this.server.localAddress().getPort());
			connection.send("tapped".getBytes(StandardCharsets.UTF_8));
			assertThat(connection.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8).isEqualTo("tapped");
		}
		finally {
			this.inboundChannel.removeInterceptor(tap);
		}
		assertThat(seen).hasSize(1);
		assertThat(seen.get(0).getHeaders().get(DtlsHeaders.CIPHER_SUITE)).isNotNull();
	}

	@Test
	void dslFlowRepliesThroughOutboundAdapter() throws Exception {
		InetSocketAddress address = this.flowAdapter.getServer().localAddress();
		try (DtlsClient client = client()) {
			DtlsConnection connection = client.connect("127.0.0.1", address.getPort());
			connection.send("shout".getBytes(StandardCharsets.UTF_8));
			assertThat(connection.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8).isEqualTo("SHOUT");
		}
	}

	@Test
	void connectionEventsPublished() throws Exception {
		try (DtlsClient client = client()) {
			DtlsConnection connection = client.connect("127.0.0.1", this.server.localAddress().getPort());
			connection.close();
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.flows.closed.stream()
				.anyMatch((event) -> event.getReason().equals(CloseReason.PEER_CLOSE_NOTIFY)));
		assertThat(this.flows.opened).isNotEmpty();
		assertThat(this.flows.opened.get(0).getPeer().principal().getName()).isEqualTo("device");
	}

	private static DtlsClient client() {
		return DtlsClient.builder().pskIdentity(PskIdentity.of("device", KEY)).build();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Flows {

		final List<DtlsConnectionOpenedEvent> opened = new CopyOnWriteArrayList<>();

		final List<DtlsConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();

		@DtlsListener
		byte[] echo(byte[] payload) {
			return payload;
		}

		@EventListener
		void onOpened(DtlsConnectionOpenedEvent event) {
			this.opened.add(event);
		}

		@EventListener
		void onClosed(DtlsConnectionClosedEvent event) {
			this.closed.add(event);
		}

		@Bean
		DtlsServerInboundChannelAdapter flowAdapter() {
			return (DtlsServerInboundChannelAdapter) Dtls
				.inboundAdapter(DtlsServer.builder()
					.bindAddress(new InetSocketAddress("127.0.0.1", 0))
					.pskStore(StaticPskStore.of(java.util.Map.of("device", KEY))))
				.getObject();
		}

		@Bean
		IntegrationFlow shoutFlow(DtlsServerInboundChannelAdapter flowAdapter, DtlsTemplate template) {
			return IntegrationFlow.from(flowAdapter)
				.transform(byte[].class, (bytes) -> new String(bytes, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT))
				.handle(Dtls.outboundAdapter(template))
				.get();
		}

	}

}
