package io.dtls.spring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Finds {@link DtlsListener} methods on beans, validates them and registers one
 * {@link DtlsListenerEndpoint} per method with the {@link DtlsListenerEndpointRegistry} bean.
 * Methods of AOP proxies are found on the target class and invoked through the proxy.
 * <p>
 * Singleton beans are registered once all singletons exist, so that error handler beans can be
 * looked up without creating beans early. The endpoint then calls the singleton as the bean
 * factory finally exposes it, including proxies that post-processors ordered after this one
 * added. A bean created later, such as a lazy one, is registered with the instance that this
 * processor receives when the bean is initialized. An invalid listener fails the application
 * context with an {@link IllegalStateException} that names the bean and the method.
 *
 * @since 0.1.0
 */
public class DtlsListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, Ordered {

	/** Prefix of the ids generated for listeners that set none. A counter follows it. */
	public static final String GENERATED_ID_PREFIX = "dtlsListener#";

	private final AtomicInteger generatedIdCounter = new AtomicInteger();

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private final ExpressionParser expressionParser = new SpelExpressionParser();

	private final Object registrationLock = new Object();

	// Guarded by registrationLock: listeners found before all singletons exist.
	private final List<ListenerMethod> pendingListeners = new ArrayList<>();

	// Guarded by registrationLock.
	private boolean singletonsInstantiated;

	private @Nullable BeanFactory beanFactory;

	private volatile @Nullable DtlsListenerEndpointRegistry registry;

	private volatile @Nullable DtlsListenerMethodFactory methodFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Returns {@link Ordered#LOWEST_PRECEDENCE}, so that the processor runs after the AOP auto-proxy
	 * creator, which Spring registers with the highest precedence.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Finds the {@link DtlsListener} methods of a bean and registers them, or keeps them until all
	 * singletons exist.
	 */
	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, DtlsListener.class)) {
			return bean;
		}
		Map<Method, DtlsListener> annotatedMethods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<DtlsListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, DtlsListener.class));
		if (annotatedMethods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		List<ListenerMethod> listeners = new ArrayList<>();
		annotatedMethods.forEach((method, annotation) -> listeners.add(new ListenerMethod(bean, beanName, method,
				annotation)));
		synchronized (this.registrationLock) {
			if (!this.singletonsInstantiated) {
				this.pendingListeners.addAll(listeners);
				return bean;
			}
		}
		listeners.forEach((listener) -> register(listener, bean));
		return bean;
	}

	/**
	 * Registers the listeners of all singleton beans.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		List<ListenerMethod> listeners;
		synchronized (this.registrationLock) {
			this.singletonsInstantiated = true;
			listeners = new ArrayList<>(this.pendingListeners);
			this.pendingListeners.clear();
		}
		for (ListenerMethod listener : listeners) {
			register(listener, exposedSingleton(listener));
		}
	}

	/**
	 * Returns the singleton that the bean factory exposes under the listener's bean name, which a
	 * post-processor ordered after this one may have wrapped in a proxy, or the instance that this
	 * processor received when the name refers to another object, such as a factory bean's product.
	 */
	private Object exposedSingleton(ListenerMethod listener) {
		if (getBeanFactory() instanceof ConfigurableBeanFactory configurable) {
			Object singleton = configurable.getSingleton(listener.beanName());
			if (singleton != null && AopUtils.getTargetClass(singleton) == AopUtils.getTargetClass(listener.bean())) {
				return singleton;
			}
		}
		return listener.bean();
	}

	private void register(ListenerMethod listener, Object bean) {
		DtlsListener annotation = listener.annotation();
		String description = ListenerMethods.describe(listener.method()) + " of bean '" + listener.beanName() + "'";
		Method invocableMethod = selectInvocableMethod(listener.method(), bean, description);
		InvocableHandlerMethod handlerMethod = getMethodFactory(description).createInvocableHandlerMethod(bean,
				invocableMethod);
		checkPayloadParameters(handlerMethod, description);

		DtlsListenerEndpoint endpoint = new DtlsListenerEndpoint(resolveId(annotation), listener.beanName(),
				handlerMethod, parseCondition(annotation.condition(), description),
				new BeanFactoryResolver(getBeanFactory()), annotation.order(),
				resolveAutoStartup(annotation.autoStartup(), description),
				resolveErrorHandler(annotation.errorHandler(), description));
		getRegistry(description).registerListenerEndpoint(endpoint);
	}

	private static Method selectInvocableMethod(Method method, Object bean, String description) {
		try {
			return AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("@DtlsListener method " + description
					+ " cannot be called through the bean's proxy: " + ex.getMessage(), ex);
		}
	}

	private void checkPayloadParameters(InvocableHandlerMethod handlerMethod, String description) {
		List<MethodParameter> payloadParameters = getMethodFactory(description).getPayloadParameters(handlerMethod);
		if (payloadParameters.size() > 1) {
			String names = payloadParameters.stream()
				.map((parameter) -> parameter.getParameterType().getSimpleName() + " "
						+ parameter.getParameter().getName())
				.collect(Collectors.joining(", "));
			throw new IllegalStateException("@DtlsListener method " + description + " has "
					+ payloadParameters.size() + " payload parameters (" + names + "), but a message has one"
					+ " payload. Annotate the others with @Header or @Headers, or declare them as a type resolved"
					+ " from the message: Message, MessageHeaders, DtlsPeer or Principal.");
		}
		for (MethodParameter parameter : payloadParameters) {
			Payload payload = parameter.getParameterAnnotation(Payload.class);
			if (payload != null && StringUtils.hasText(payload.expression())) {
				throw new IllegalStateException("@Payload expression '" + payload.expression() + "' on parameter '"
						+ parameter.getParameter().getName() + "' of @DtlsListener method " + description
						+ " is not supported. Remove the expression and select the value in the method.");
			}
		}
	}

	private String resolveId(DtlsListener annotation) {
		String id = resolvePlaceholders(annotation.id());
		return StringUtils.hasText(id) ? id : GENERATED_ID_PREFIX + this.generatedIdCounter.getAndIncrement();
	}

	private @Nullable Expression parseCondition(String condition, String description) {
		String text = resolvePlaceholders(condition);
		if (!StringUtils.hasText(text)) {
			return null;
		}
		try {
			return this.expressionParser.parseExpression(text);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Invalid condition \"" + text + "\" on @DtlsListener method "
					+ description + ": " + ex.getMessage() + ". Write a SpEL expression over the message, such as"
					+ " \"headers['dtls_cipherSuite'] != null\".", ex);
		}
	}

	private boolean resolveAutoStartup(String autoStartup, String description) {
		String value = resolvePlaceholders(autoStartup).trim();
		if (value.isEmpty()) {
			return true;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalStateException("Invalid autoStartup value '" + value + "' (from '"
					+ autoStartup + "') on @DtlsListener method " + description + ". Use true or false.");
		};
	}

	private @Nullable DtlsListenerErrorHandler resolveErrorHandler(String errorHandler, String description) {
		String beanName = resolvePlaceholders(errorHandler).trim();
		if (beanName.isEmpty()) {
			return null;
		}
		try {
			return getBeanFactory().getBean(beanName, DtlsListenerErrorHandler.class);
		}
		catch (BeanNotOfRequiredTypeException ex) {
			throw new IllegalStateException("Bean '" + beanName + "', named as errorHandler of @DtlsListener method "
					+ description + ", is a " + ex.getActualType().getName() + ", not a "
					+ DtlsListenerErrorHandler.class.getSimpleName() + ". Name a bean of that type.", ex);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new IllegalStateException("No bean named '" + beanName + "' found for the errorHandler of"
					+ " @DtlsListener method " + description + ". Declare a "
					+ DtlsListenerErrorHandler.class.getSimpleName() + " bean with that name or fix the name.", ex);
		}
	}

	private String resolvePlaceholders(String value) {
		if (value.isEmpty() || !(this.beanFactory instanceof ConfigurableBeanFactory configurable)) {
			return value;
		}
		String resolved = configurable.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved : "";
	}

	private BeanFactory getBeanFactory() {
		Assert.state(this.beanFactory != null, "BeanFactory not set; register this processor as a bean");
		return this.beanFactory;
	}

	private DtlsListenerEndpointRegistry getRegistry(String description) {
		if (this.registry == null) {
			this.registry = getRequiredBean(DtlsListenerEndpointRegistry.class, description);
		}
		return this.registry;
	}

	private DtlsListenerMethodFactory getMethodFactory(String description) {
		if (this.methodFactory == null) {
			this.methodFactory = getRequiredBean(DtlsListenerMethodFactory.class, description);
		}
		return this.methodFactory;
	}

	private <T> T getRequiredBean(Class<T> type, String description) {
		try {
			return getBeanFactory().getBean(type);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new IllegalStateException("@DtlsListener method " + description + " needs a bean of type "
					+ type.getName() + ", but there is none or more than one. Import "
					+ DtlsListenerConfiguration.class.getName() + ", which declares it.", ex);
		}
	}

	private record ListenerMethod(Object bean, String beanName, Method method, DtlsListener annotation) {
	}

}
