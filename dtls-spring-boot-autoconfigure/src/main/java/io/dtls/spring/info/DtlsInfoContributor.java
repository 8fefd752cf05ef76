package io.dtls.spring.info;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dtls.core.crypto.BouncyCastleVersion;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.core.DtlsDestination;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds a {@code dtls} entry to the info endpoint: the Bouncy Castle versions
 * ({@code bouncyCastle.bctls}, {@code bouncyCastle.bcprov}) and, when there is a server,
 * whether it is {@code running}, its bound {@code address} while it runs, and the
 * {@code cipherSuites} it accepts, in order of preference.
 *
 * @since 0.1.0
 */
public class DtlsInfoContributor implements InfoContributor {

	private final @Nullable DtlsServer server;

	/**
	 * Creates a contributor.
	 * @param server the server to describe, or {@code null} when the application runs none
	 */
	public DtlsInfoContributor(@Nullable DtlsServer server) {
		this.server = server;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> dtls = new LinkedHashMap<>();
		Map<String, Object> bouncyCastle = new LinkedHashMap<>();
		bouncyCastle.put("bctls", BouncyCastleVersion.tls());
		bouncyCastle.put("bcprov", BouncyCastleVersion.provider());
		dtls.put("bouncyCastle", bouncyCastle);
		DtlsServer server = this.server;
		if (server != null) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("running", server.isRunning());
			if (server.isRunning()) {
				details.put("address", DtlsDestination.of(server.localAddress()).toString());
			}
			details.put("cipherSuites", server.cipherSuites());
			dtls.put("server", details);
		}
		builder.withDetail("dtls", dtls);
	}

}
