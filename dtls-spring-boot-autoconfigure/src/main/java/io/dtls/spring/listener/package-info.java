/**
 * Annotation-driven DTLS listeners: {@code @DtlsListener} methods, their endpoints and the dispatcher that routes
 * received messages to them.
 */
@NullMarked
package io.dtls.spring.listener;

import org.jspecify.annotations.NullMarked;
