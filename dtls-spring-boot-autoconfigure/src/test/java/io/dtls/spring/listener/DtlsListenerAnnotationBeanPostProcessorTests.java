package io.dtls.spring.listener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtls.spring.listener.LoopbackDtls.Link;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection and startup validation of {@link DtlsListener} methods.
 */
class DtlsListenerAnnotationBeanPostProcessorTests {

	private static LoopbackDtls dtls;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(DtlsListenerConfiguration.class);

	@BeforeAll
	static void startDtls() {
		dtls = LoopbackDtls.start();
	}

	@AfterAll
	static void stopDtls() {
		dtls.close();
	}

	@Test
	void configurationDeclaresBeansUnderDocumentedNames() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean(DtlsListenerConfiguration.LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME);
			assertThat(context.getBean(DtlsListenerConfiguration.LISTENER_ENDPOINT_REGISTRY_BEAN_NAME))
				.isInstanceOf(DtlsListenerEndpointRegistry.class);
			assertThat(context.getBean(DtlsListenerConfiguration.LISTENER_MESSAGE_CONVERTER_BEAN_NAME))
				.isInstanceOf(org.springframework.messaging.converter.CompositeMessageConverter.class);
			assertThat(context.getBean(DtlsListenerConfiguration.LISTENER_METHOD_FACTORY_BEAN_NAME))
				.isInstanceOf(DtlsListenerMethodFactory.class);
			assertThat(context.getBean(DtlsListenerConfiguration.LISTENER_DISPATCHER_BEAN_NAME))
				.isInstanceOf(DtlsListenerDispatcher.class);
		});
	}

	@Test
	void unknownErrorHandlerFailsStartup() {
		this.contextRunner.withUserConfiguration(UnknownErrorHandlerListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("No bean named 'missingHandler' found for the errorHandler")
				.hasMessageContaining("UnknownErrorHandlerListener.onMessage(String)")
				.hasMessageContaining(
						"of bean 'dtlsListenerAnnotationBeanPostProcessorTests.UnknownErrorHandlerListener'");
		});
	}

	@Test
	void errorHandlerOfWrongTypeFailsStartup() {
		this.contextRunner.withUserConfiguration(WrongTypeErrorHandlerListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("Bean 'notAHandler'")
				.hasMessageContaining("java.lang.String, not a DtlsListenerErrorHandler")
				.hasMessageContaining("WrongTypeErrorHandlerListener.onMessage(String)");
		});
	}

	@Test
	void twoPayloadParametersFailStartup() {
		this.contextRunner.withUserConfiguration(TwoPayloadsListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("TwoPayloadsListener.onMessage(String, byte[])")
				.hasMessageContaining("of bean 'dtlsListenerAnnotationBeanPostProcessorTests.TwoPayloadsListener'")
				.hasMessageContaining("2 payload parameters (String text, byte[] bytes)");
		});
	}

	@Test
	void payloadExpressionFailsStartup() {
		this.contextRunner.withUserConfiguration(PayloadExpressionListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("@Payload expression 'length'")
				.hasMessageContaining("PayloadExpressionListener.onMessage(String)");
		});
	}

	@Test
	void invalidConditionFailsStartup() {
		this.contextRunner.withUserConfiguration(InvalidConditionListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("Invalid condition \"payload ==\"")
				.hasMessageContaining("InvalidConditionListener.onMessage(String)");
		});
	}

	@Test
	void invalidAutoStartupFailsStartup() {
		this.contextRunner.withUserConfiguration(InvalidAutoStartupListener.class)
			.withPropertyValues("listeners.enabled=yes")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageContaining("Invalid autoStartup value 'yes' (from '${listeners.enabled}')")
					.hasMessageContaining("InvalidAutoStartupListener.onMessage(String)");
			});
	}

	@Test
	void duplicateIdFailsStartup() {
		this.contextRunner.withUserConfiguration(DuplicateIdListeners.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("Duplicate DTLS listener id 'same'")
				.hasMessageContaining("DuplicateIdListeners.first(String)")
				.hasMessageContaining("DuplicateIdListeners.second(String)");
		});
	}

	@Test
	void missingRegistryFailsStartup() {
		new ApplicationContextRunner().withBean(DtlsListenerAnnotationBeanPostProcessor.class)
			.withUserConfiguration(CountingListener.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasMessageContaining("CountingListener.onMessage(String)")
					.hasMessageContaining(DtlsListenerConfiguration.class.getName());
			});
	}

	@Test
	void classProxyIsDetectedAndInvoked() {
		this.contextRunner.withUserConfiguration(ClassProxyConfiguration.class).run((context) -> {
			try (Link link = dtls.connect()) {
				Object bean = context.getBean("countingListener");
				assertThat(AopUtils.isCglibProxy(bean)).isTrue();

				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("hello"));

				assertThat(context.getBean(ClassProxyConfiguration.class).interceptedCalls).hasValue(1);
				CountingListener target = AopTestUtils.getUltimateTargetObject(bean);
				assertThat(target.received).containsExactly("hello");
			}
		});
	}

	@Test
	void interfaceProxyIsDetectedAndInvoked() {
		this.contextRunner.withUserConfiguration(InterfaceProxyConfiguration.class).run((context) -> {
			try (Link link = dtls.connect()) {
				Object bean = context.getBean("greetingListener");
				assertThat(AopUtils.isJdkDynamicProxy(bean)).isTrue();

				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("Ada"));

				assertThat(link.receiveText()).isEqualTo("hello, Ada");
				assertThat(context.getBean(InterfaceProxyConfiguration.class).interceptedCalls).hasValue(1);
			}
		});
	}

	@Test
	void proxyAddedByLaterPostProcessorIsInvoked() {
		this.contextRunner.withUserConfiguration(LateProxyConfiguration.class).run((context) -> {
			try (Link link = dtls.connect()) {
				assertThat(AopUtils.isCglibProxy(context.getBean("countingListener"))).isTrue();

				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("hello"));

				assertThat(context.getBean(CountingProxyPostProcessor.class).interceptedCalls).hasValue(1);
			}
		});
	}

	@Test
	void lazyBeanIsRegisteredWhenCreated() {
		this.contextRunner.withUserConfiguration(LazyListenerConfiguration.class).run((context) -> {
			try (Link link = dtls.connect()) {
				DtlsListenerEndpointRegistry registry = context.getBean(DtlsListenerEndpointRegistry.class);
				assertThat(registry.getListenerEndpointIds()).isEmpty();

				CountingListener listener = context.getBean(CountingListener.class);
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("late"));

				assertThat(registry.getListenerEndpointIds()).hasSize(1);
				assertThat(listener.received).containsExactly("late");
			}
		});
	}

	static class UnknownErrorHandlerListener {

		@DtlsListener(errorHandler = "missingHandler")
		void onMessage(String payload) {
		}

	}

	static class WrongTypeErrorHandlerListener {

		@DtlsListener(errorHandler = "notAHandler")
		void onMessage(String payload) {
		}

		@Bean
		String notAHandler() {
			return "not a handler";
		}

	}

	static class TwoPayloadsListener {

		@DtlsListener
		void onMessage(String text, byte[] bytes) {
		}

	}

	static class PayloadExpressionListener {

		@DtlsListener
		void onMessage(@Payload(expression = "length") String payload) {
		}

	}

	static class InvalidConditionListener {

		@DtlsListener(condition = "payload ==")
		void onMessage(String payload) {
		}

	}

	static class InvalidAutoStartupListener {

		@DtlsListener(autoStartup = "${listeners.enabled}")
		void onMessage(String payload) {
		}

	}

	static class DuplicateIdListeners {

		@DtlsListener(id = "same", order = 1)
		void first(String payload) {
		}

		@DtlsListener(id = "same", order = 2)
		void second(String payload) {
		}

	}

	public static class CountingListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@DtlsListener
		public void onMessage(String payload) {
			this.received.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClassProxyConfiguration {

		final AtomicInteger interceptedCalls = new AtomicInteger();

		@Bean
		Object countingListener() {
			ProxyFactory proxyFactory = new ProxyFactory(new CountingListener());
			proxyFactory.setProxyTargetClass(true);
			proxyFactory.addAdvice(countingInterceptor(this.interceptedCalls));
			return proxyFactory.getProxy();
		}

	}

	interface GreetingListener {

		String greet(String name);

	}

	static class DefaultGreetingListener implements GreetingListener {

		@Override
		@DtlsListener
		public String greet(String name) {
			return "hello, " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceProxyConfiguration {

		final AtomicInteger interceptedCalls = new AtomicInteger();

		@Bean
		GreetingListener greetingListener() {
			ProxyFactory proxyFactory = new ProxyFactory(new DefaultGreetingListener());
			proxyFactory.addInterface(GreetingListener.class);
			proxyFactory.addAdvice(countingInterceptor(this.interceptedCalls));
			return (GreetingListener) proxyFactory.getProxy();
		}

	}

	/**
	 * Wraps {@link CountingListener} beans in a proxy. It is not {@code Ordered}, so it runs after
	 * the {@link DtlsListenerAnnotationBeanPostProcessor}.
	 */
	static class CountingProxyPostProcessor implements BeanPostProcessor {

		final AtomicInteger interceptedCalls = new AtomicInteger();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof CountingListener)) {
				return bean;
			}
			ProxyFactory proxyFactory = new ProxyFactory(bean);
			proxyFactory.setProxyTargetClass(true);
			proxyFactory.addAdvice(countingInterceptor(this.interceptedCalls));
			return proxyFactory.getProxy();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LateProxyConfiguration {

		@Bean
		static CountingProxyPostProcessor countingProxyPostProcessor() {
			return new CountingProxyPostProcessor();
		}

		@Bean
		CountingListener countingListener() {
			return new CountingListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyListenerConfiguration {

		@Bean
		@Lazy
		CountingListener countingListener() {
			return new CountingListener();
		}

	}

	private static MethodInterceptor countingInterceptor(AtomicInteger calls) {
		return (invocation) -> {
			calls.incrementAndGet();
			return invocation.proceed();
		};
	}

}
