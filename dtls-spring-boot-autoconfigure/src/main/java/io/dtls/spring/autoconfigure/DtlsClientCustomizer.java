package io.dtls.spring.autoconfigure;

import io.dtls.core.client.DtlsClientBuilder;

/**
 * Customizes the builder of the client that {@code DtlsTemplate} connects with, after the
 * {@code dtls.client.*} properties are applied.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DtlsClientCustomizer {

	void customize(DtlsClientBuilder builder);

}
