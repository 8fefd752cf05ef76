package io.dtls.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.Ordered;

/**
 * Marks a bean method that receives the application data of DTLS peers. The
 * {@link DtlsListenerAnnotationBeanPostProcessor} registers one {@link DtlsListenerEndpoint} per
 * annotated method, and the {@link DtlsListenerDispatcher} calls it for each received message.
 * The annotation also works as a meta-annotation on a composed annotation of your own.
 *
 * <h2>Dispatch rule</h2>
 * Each received message reaches exactly one listener method: the first one, in ascending
 * {@link #order()}, whose endpoint is running and whose {@link #condition()} is {@code true} for
 * the message. Listeners with the same order are tried in the order in which they were
 * registered, which follows the order of bean creation and is not defined among the methods of
 * one bean, so give such methods distinct orders. A listener without a condition matches every
 * message, so a fallback listener has no condition and a higher order than the others. When
 * no listener matches, the message is dropped: the drop is logged at DEBUG with the peer and the
 * connection id and counted by {@link DtlsListenerEndpointRegistry#getUnmatchedMessageCount()}.
 * A condition that fails to evaluate counts as a failure of its listener: the message goes to
 * that listener's error handler and to no other listener.
 * <p>
 * Messages of one peer arrive in order and one at a time, while messages of different peers run
 * concurrently on several threads, so a listener method must be thread-safe.
 *
 * <h2>Parameters</h2>
 * <ul>
 * <li>the payload, with or without {@code @Payload}: {@code byte[]}, a read-only
 * {@link java.nio.ByteBuffer} over it, a {@code String} decoded as UTF-8 (malformed bytes become
 * U+FFFD), or any type that the message converter produces. With Jackson 3 on the class path,
 * that includes every type that Jackson reads from JSON, and the payload is parsed as JSON
 * whatever content type header the message has. A method has at most one payload parameter.</li>
 * <li>{@code Message<?>}, or {@code Message<T>} with the payload converted to {@code T}.</li>
 * <li>a header value with {@code @Header}, such as
 * {@code @Header(DtlsHeaders.PORT) int port}, and all headers with {@code @Headers Map<String, Object>}
 * or {@code MessageHeaders}. {@code @Header} fails on a missing header unless it sets
 * {@code required = false}, and the {@code PRINCIPAL} header is missing for anonymous peers.</li>
 * <li>{@link io.dtls.spring.DtlsPeer}, the sending peer.</li>
 * <li>{@link java.security.Principal} or a subtype, the peer's identity from the
 * {@link io.dtls.spring.DtlsHeaders#PRINCIPAL} header, {@code null} when the peer is anonymous
 * or its principal is not of the parameter's type.</li>
 * </ul>
 * An invalid signature, such as two payload parameters, fails the application context at startup.
 *
 * <h2>Return values</h2>
 * A reply goes back to the same peer over the same connection, as one datagram.
 * <ul>
 * <li>{@code void} or {@code null}: no reply.</li>
 * <li>{@code byte[]}, {@link java.nio.ByteBuffer} (its remaining bytes) or {@code String}
 * (encoded as UTF-8): sent as it is.</li>
 * <li>{@code Message<?>}: its payload is sent by the same rules, and its headers are ignored.</li>
 * <li>{@link java.util.concurrent.CompletionStage}: its value is sent by the same rules once it
 * completes, and an exceptional completion goes to the error handler.</li>
 * <li>any other object: converted by the message converter, which writes JSON when Jackson 3 is on
 * the class path. Without a converter for the type, the reply fails.</li>
 * </ul>
 * A reply that fails to convert or to send, for example because it exceeds the connection's send
 * limit, goes to the error handler.
 *
 * <h2>Errors</h2>
 * An exception thrown by the method, a payload that cannot be converted to the parameter type and
 * a failed reply go to the {@link DtlsListenerErrorHandler} named by {@link #errorHandler()}, or
 * to a {@link LoggingDtlsListenerErrorHandler}. The dispatcher never closes the connection unless
 * the error handler does so itself.
 *
 * @since 0.1.0
 * @see DtlsListenerConfiguration
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DtlsListener {

	/**
	 * Id of the listener endpoint, unique in the application context, for
	 * {@link DtlsListenerEndpointRegistry#getListenerEndpoint(String)} and for logs. Placeholders
	 * such as {@code ${...}} are resolved. Empty means a generated id of the form
	 * {@code dtlsListener#N}.
	 */
	String id() default "";

	/**
	 * SpEL expression that decides whether this listener takes a message. The root object is the
	 * {@code Message<?>}, so {@code payload} and {@code headers['dtls_cipherSuite']} work, the
	 * variable {@code #peer} is the {@link io.dtls.spring.DtlsPeer}, and {@code @name} refers to a
	 * bean. Placeholders are resolved before parsing. Empty means that the listener takes every
	 * message. A {@code null} result counts as {@code false}.
	 */
	String condition() default "";

	/**
	 * Position of the listener in the dispatch order. Lower values are tried first.
	 */
	int order() default Ordered.LOWEST_PRECEDENCE;

	/**
	 * Whether the endpoint starts with the application context: {@code true} or {@code false},
	 * placeholders allowed, such as {@code ${my.listener.enabled:true}}. Empty means {@code true}.
	 * An endpoint that does not start receives no messages until
	 * {@link DtlsListenerEndpoint#start()} is called.
	 */
	String autoStartup() default "";

	/**
	 * Name of the {@link DtlsListenerErrorHandler} bean that handles this listener's failures,
	 * placeholders allowed. Empty means the dispatcher's default error handler.
	 */
	String errorHandler() default "";

}
