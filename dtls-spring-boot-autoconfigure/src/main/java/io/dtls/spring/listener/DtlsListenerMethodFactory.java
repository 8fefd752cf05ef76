package io.dtls.spring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.HeaderMethodArgumentResolver;
import org.springframework.messaging.handler.annotation.support.HeadersMethodArgumentResolver;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.validation.Validator;

/**
 * Creates the invocable methods of {@link DtlsListener} endpoints. It configures Spring's
 * {@link DefaultMessageHandlerMethodFactory} with the argument resolvers that {@link DtlsListener}
 * documents, tried in this order: {@code @Header}, {@code @Headers} and {@code MessageHeaders},
 * {@code Message}, {@link io.dtls.spring.DtlsPeer}, {@link java.security.Principal}, the custom
 * resolvers, and last the payload, which takes every parameter that no earlier resolver takes.
 *
 * @since 0.1.0
 */
public class DtlsListenerMethodFactory implements MessageHandlerMethodFactory, BeanFactoryAware, InitializingBean {

	private final MessageConverter messageConverter;

	private ConversionService conversionService = new DefaultFormattingConversionService();

	private @Nullable Validator validator;

	private List<HandlerMethodArgumentResolver> customArgumentResolvers = List.of();

	private @Nullable ConfigurableBeanFactory beanFactory;

	private @Nullable HandlerMethodArgumentResolver payloadResolver;

	private List<HandlerMethodArgumentResolver> argumentResolvers = List.of();

	private final DefaultMessageHandlerMethodFactory delegate = new DefaultMessageHandlerMethodFactory();

	/**
	 * Creates a factory whose payload and {@code Message<T>} parameters are converted with
	 * {@code messageConverter}.
	 */
	public DtlsListenerMethodFactory(MessageConverter messageConverter) {
		this.messageConverter = Objects.requireNonNull(messageConverter, "messageConverter");
	}

	/**
	 * Returns the converter for payload parameters.
	 */
	public MessageConverter getMessageConverter() {
		return this.messageConverter;
	}

	/**
	 * Sets the conversion service for {@code @Header} values, such as an {@code Integer} header
	 * to an {@code int} parameter. The default is a {@link DefaultFormattingConversionService}.
	 */
	public void setConversionService(ConversionService conversionService) {
		this.conversionService = Objects.requireNonNull(conversionService, "conversionService");
	}

	/**
	 * Sets the validator for payload parameters annotated with {@code @Valid} or
	 * {@code @Validated}. The default, {@code null}, validates nothing.
	 */
	public void setValidator(@Nullable Validator validator) {
		this.validator = validator;
	}

	/**
	 * Sets resolvers for further parameter types, tried before the payload resolver. Settings
	 * take effect when {@link #afterPropertiesSet()} builds the resolvers.
	 */
	public void setCustomArgumentResolvers(List<HandlerMethodArgumentResolver> customArgumentResolvers) {
		this.customArgumentResolvers = List.copyOf(customArgumentResolvers);
	}

	/**
	 * Sets the bean factory that resolves placeholders in {@code @Header} names.
	 */
	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable : null;
	}

	/**
	 * Builds the argument resolvers from the settings. {@link #createInvocableHandlerMethod}
	 * calls it on first use when the factory is not a bean.
	 */
	@Override
	public synchronized void afterPropertiesSet() {
		HandlerMethodArgumentResolver payload = new DtlsPayloadMethodArgumentResolver(this.messageConverter,
				this.validator);
		List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
		resolvers.add(new HeaderMethodArgumentResolver(this.conversionService, this.beanFactory));
		resolvers.add(new HeadersMethodArgumentResolver());
		resolvers.add(new MessageMethodArgumentResolver(this.messageConverter));
		resolvers.add(new DtlsPeerMethodArgumentResolver());
		resolvers.add(new PrincipalMethodArgumentResolver());
		resolvers.addAll(this.customArgumentResolvers);
		resolvers.add(payload);

		this.delegate.setMessageConverter(this.messageConverter);
		this.delegate.setArgumentResolvers(resolvers);
		this.delegate.afterPropertiesSet();
		this.argumentResolvers = List.copyOf(resolvers);
		this.payloadResolver = payload;
	}

	/**
	 * Creates an invocable method that resolves its arguments from a received message.
	 * @param bean the bean to call, which may be an AOP proxy
	 * @param method the method to call, invocable on {@code bean}
	 */
	@Override
	public synchronized InvocableHandlerMethod createInvocableHandlerMethod(Object bean, Method method) {
		if (this.payloadResolver == null) {
			afterPropertiesSet();
		}
		return this.delegate.createInvocableHandlerMethod(bean, method);
	}

	/**
	 * Returns the parameters of a method that receive the payload, which are those that no other
	 * resolver takes. A valid listener method has at most one.
	 */
	public synchronized List<MethodParameter> getPayloadParameters(InvocableHandlerMethod handlerMethod) {
		if (this.payloadResolver == null) {
			afterPropertiesSet();
		}
		List<MethodParameter> payloadParameters = new ArrayList<>();
		for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
			if (findResolver(parameter) == this.payloadResolver) {
				payloadParameters.add(parameter);
			}
		}
		return payloadParameters;
	}

	private @Nullable HandlerMethodArgumentResolver findResolver(MethodParameter parameter) {
		for (HandlerMethodArgumentResolver resolver : this.argumentResolvers) {
			if (resolver.supportsParameter(parameter)) {
				return resolver;
			}
		}
		return null;
	}

}
