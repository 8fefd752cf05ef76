package io.dtls.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;

import io.dtls.core.credentials.PskStore;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.core.DtlsClientConnections;
import io.dtls.spring.core.DtlsSendInterceptor;
import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.event.ApplicationEventPublishingListener;
import io.dtls.spring.integration.DtlsInboundChannelAdapter;
import io.dtls.spring.listener.DtlsListenerConfiguration;
import io.dtls.spring.listener.DtlsListenerDispatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.endpoint.EventDrivenConsumer;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Auto-configuration of DTLS: a server on {@code dtls.server.*}, the listener infrastructure
 * behind {@code @DtlsListener}, the Spring Integration channel between them, and a
 * {@link DtlsTemplate} that also connects to remote servers as a client on
 * {@code dtls.client.*}.
 * <p>
 * Received messages flow: server, {@link DtlsInboundChannelAdapter}, the
 * {@value #INBOUND_CHANNEL_BEAN_NAME} channel (a direct channel, which keeps each peer's order),
 * then the listener dispatcher. Interceptors and wire taps on that channel see every message.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(DtlsServer.class)
@EnableConfigurationProperties(DtlsProperties.class)
@Import(DtlsListenerConfiguration.class)
public final class DtlsAutoConfiguration {

	/** Name of the channel that carries every received DTLS message to the listeners. */
	public static final String INBOUND_CHANNEL_BEAN_NAME = "dtlsInboundChannel";

	/**
	 * Name of the adapter that is the auto-configured server's handler. Flows may define
	 * adapters of their own beside it.
	 */
	public static final String INBOUND_ADAPTER_BEAN_NAME = "dtlsInboundChannelAdapter";

	/** Name of the executor that runs listener methods. */
	public static final String LISTENER_EXECUTOR_BEAN_NAME = "dtlsListenerExecutor";

	@Bean(name = INBOUND_CHANNEL_BEAN_NAME)
	@ConditionalOnMissingBean(name = INBOUND_CHANNEL_BEAN_NAME)
	DirectChannel dtlsInboundChannel() {
		return new DirectChannel();
	}

	@Bean(name = INBOUND_ADAPTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = INBOUND_ADAPTER_BEAN_NAME)
	DtlsInboundChannelAdapter dtlsInboundChannelAdapter(
			@Qualifier(INBOUND_CHANNEL_BEAN_NAME) MessageChannel inboundChannel) {
		DtlsInboundChannelAdapter adapter = new DtlsInboundChannelAdapter();
		adapter.setOutputChannel(inboundChannel);
		return adapter;
	}

	@Bean
	@ConditionalOnMissingBean(name = "dtlsListenerConsumer")
	EventDrivenConsumer dtlsListenerConsumer(@Qualifier(INBOUND_CHANNEL_BEAN_NAME) SubscribableChannel inboundChannel,
			DtlsListenerDispatcher dispatcher) {
		return new EventDrivenConsumer(inboundChannel, dispatcher);
	}

	@Bean
	@ConditionalOnMissingBean(name = "dtlsApplicationEventPublisher")
	ApplicationEventPublishingListener dtlsApplicationEventPublisher(ApplicationEventPublisher publisher) {
		return new ApplicationEventPublishingListener(publisher, "dtls");
	}

	@Bean(name = LISTENER_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = LISTENER_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.VIRTUAL)
	SimpleAsyncTaskExecutor dtlsListenerExecutorVirtualThreads() {
		// One virtual thread per delivery task; the engine runs at most one task per
		// connection at a time, so each peer's messages still arrive in order.
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("dtls-listener-");
		executor.setVirtualThreads(true);
		return executor;
	}

	@Bean(name = LISTENER_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = LISTENER_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.PLATFORM)
	ThreadPoolTaskExecutor dtlsListenerExecutor(DtlsProperties properties) {
		Integer configured = properties.getListener().getThreads();
		int threads = (configured != null) ? configured : Math.max(2, Runtime.getRuntime().availableProcessors());
		PropertyChecks.positive("dtls.listener.threads", threads);
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("dtls-listener-");
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		// Finish running listener calls on shutdown; the server stops delivering before this.
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(30);
		return executor;
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	DtlsClientConnections dtlsClientConnections(DtlsProperties properties, ObjectProvider<SslBundles> bundles,
			@Qualifier(INBOUND_ADAPTER_BEAN_NAME) DtlsInboundChannelAdapter inboundAdapter,
			@Qualifier(LISTENER_EXECUTOR_BEAN_NAME) Executor listenerExecutor,
			ApplicationEventPublishingListener events, ObjectProvider<DtlsEventListener> eventListeners,
			ObjectProvider<DtlsClientCustomizer> customizers) {
		return DtlsClientFactory.create(properties.getClient(), bundles.getIfAvailable(), inboundAdapter,
				listenerExecutor, CompositeEventListener.of(events, eventListeners), customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	DtlsTemplate dtlsTemplate(ObjectProvider<DtlsServer> server, ObjectProvider<DtlsClientConnections> clientConnections,
			@Qualifier(DtlsListenerConfiguration.LISTENER_MESSAGE_CONVERTER_BEAN_NAME) MessageConverter messageConverter,
			DtlsProperties properties, ObjectProvider<DtlsSendInterceptor> sendInterceptors) {
		DtlsClientFactory.validate(properties.getClient());
		DtlsTemplate template = new DtlsTemplate(server.getIfAvailable(), clientConnections::getIfAvailable,
				messageConverter, properties.getClient().getConnectTimeout());
		template.setSendInterceptors(sendInterceptors.orderedStream().toList());
		return template;
	}

	/**
	 * The server, unless {@code dtls.server.enabled} is false.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "dtls.server.enabled", matchIfMissing = true)
	static class ServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DtlsServer dtlsServer(DtlsProperties properties, ObjectProvider<SslBundles> bundles,
				ObjectProvider<PskStore> pskStore, @Qualifier(INBOUND_ADAPTER_BEAN_NAME) DtlsInboundChannelAdapter inboundAdapter,
				@Qualifier(LISTENER_EXECUTOR_BEAN_NAME) Executor listenerExecutor, ApplicationEventPublishingListener events,
				ObjectProvider<DtlsEventListener> eventListeners, ObjectProvider<DtlsServerCustomizer> customizers) {
			return DtlsServerFactory.create(properties.getServer(), bundles.getIfAvailable(), pskStore.getIfUnique(),
					inboundAdapter, listenerExecutor, CompositeEventListener.of(events, eventListeners), customizers.orderedStream().toList());
		}

		@Bean
		@ConditionalOnMissingBean
		DtlsServerLifecycle dtlsServerLifecycle(DtlsServer server, ObjectProvider<LifecycleProperties> lifecycle) {
			LifecycleProperties properties = lifecycle.getIfAvailable();
			Duration phaseTimeout = (properties != null) ? properties.getTimeoutPerShutdownPhase()
					: Duration.ofSeconds(30);
			// Leave a tenth of the phase so the stop completes before the context gives up on it.
			return new DtlsServerLifecycle(server, phaseTimeout.minus(phaseTimeout.dividedBy(10)));
		}

	}

	/**
	 * Spring Integration's infrastructure, for applications without Boot's integration
	 * auto-configuration on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class IntegrationInfrastructureConfiguration {

	}

}
