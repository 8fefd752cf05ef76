package io.dtls.spring.autoconfigure;

import io.dtls.core.server.DtlsServerBuilder;

/**
 * Customizes the auto-configured server's builder after the {@code dtls.server.*} properties
 * are applied, for settings the properties do not cover.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DtlsServerCustomizer {

	void customize(DtlsServerBuilder builder);

}
