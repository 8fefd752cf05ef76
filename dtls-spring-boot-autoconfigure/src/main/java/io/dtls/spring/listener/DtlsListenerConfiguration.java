package io.dtls.spring.listener;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.validation.Validator;

/**
 * Declares the beans behind {@link DtlsListener} methods: the annotation processor, the endpoint
 * registry, the message converter, the method factory and the dispatcher, under the bean names
 * in this class's constants. The dispatcher still has to be subscribed to the channel of the DTLS
 * inbound adapter.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public final class DtlsListenerConfiguration {

	/** Bean name of the {@link DtlsListenerAnnotationBeanPostProcessor}. */
	public static final String LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME =
			"io.dtls.spring.listener.internalDtlsListenerAnnotationProcessor";

	/** Bean name of the {@link DtlsListenerEndpointRegistry}. */
	public static final String LISTENER_ENDPOINT_REGISTRY_BEAN_NAME = "dtlsListenerEndpointRegistry";

	/**
	 * Bean name of the {@link CompositeMessageConverter} for listener payloads and replies, made
	 * by {@link DtlsMessageConverters#createDefault(BeanFactory)}.
	 */
	public static final String LISTENER_MESSAGE_CONVERTER_BEAN_NAME = "dtlsListenerMessageConverter";

	/** Bean name of the {@link DtlsListenerMethodFactory}. */
	public static final String LISTENER_METHOD_FACTORY_BEAN_NAME = "dtlsListenerMethodFactory";

	/** Bean name of the {@link DtlsListenerDispatcher}. */
	public static final String LISTENER_DISPATCHER_BEAN_NAME = "dtlsListenerDispatcher";

	@Bean(LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DtlsListenerAnnotationBeanPostProcessor dtlsListenerAnnotationBeanPostProcessor() {
		return new DtlsListenerAnnotationBeanPostProcessor();
	}

	@Bean(LISTENER_ENDPOINT_REGISTRY_BEAN_NAME)
	DtlsListenerEndpointRegistry dtlsListenerEndpointRegistry() {
		return new DtlsListenerEndpointRegistry();
	}

	@Bean(LISTENER_MESSAGE_CONVERTER_BEAN_NAME)
	CompositeMessageConverter dtlsListenerMessageConverter(BeanFactory beanFactory) {
		return DtlsMessageConverters.createDefault(beanFactory);
	}

	@Bean(LISTENER_METHOD_FACTORY_BEAN_NAME)
	DtlsListenerMethodFactory dtlsListenerMethodFactory(
			@Qualifier(LISTENER_MESSAGE_CONVERTER_BEAN_NAME) MessageConverter messageConverter,
			ObjectProvider<Validator> validator) {
		DtlsListenerMethodFactory methodFactory = new DtlsListenerMethodFactory(messageConverter);
		methodFactory.setValidator(validator.getIfUnique());
		return methodFactory;
	}

	@Bean(LISTENER_DISPATCHER_BEAN_NAME)
	DtlsListenerDispatcher dtlsListenerDispatcher(DtlsListenerEndpointRegistry registry,
			@Qualifier(LISTENER_MESSAGE_CONVERTER_BEAN_NAME) MessageConverter messageConverter,
			ObjectProvider<DtlsListenerInvocationInterceptor> invocationInterceptors) {
		DtlsListenerDispatcher dispatcher = new DtlsListenerDispatcher(registry, messageConverter);
		dispatcher.setInvocationInterceptors(invocationInterceptors.orderedStream().toList());
		return dispatcher;
	}

}
