package io.dtls.spring.autoconfigure.info;

import java.util.List;
import java.util.Map;

import io.dtls.core.server.DtlsServer;
import io.dtls.spring.autoconfigure.DtlsAutoConfiguration;
import io.dtls.spring.autoconfigure.LoopbackPsk;
import io.dtls.spring.info.DtlsInfoContributor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DtlsInfoContributorAutoConfigurationTests {

	/** The Bouncy Castle version of the project's pom, whose jars the tests run with. */
	private static final String BOUNCY_CASTLE_VERSION = "1.84";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DtlsAutoConfiguration.class, SslAutoConfiguration.class,
				LifecycleAutoConfiguration.class, DtlsInfoContributorAutoConfiguration.class))
		.withPropertyValues(LoopbackPsk.SERVER_PROPERTIES);

	@Test
	void contributorOffByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(DtlsInfoContributor.class));
	}

	@Test
	void contributorAbsentWithoutActuator() {
		this.runner.withPropertyValues("management.info.dtls.enabled=true")
			.withClassLoader(new FilteredClassLoader(InfoContributor.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(DtlsInfoContributor.class);
			});
	}

	@Test
	void describesBouncyCastleAndServer() {
		this.runner.withPropertyValues("management.info.dtls.enabled=true").run((context) -> {
			Map<String, Object> dtls = dtlsInfo(context);
			int port = context.getBean(DtlsServer.class).localAddress().getPort();

			assertThat(dtls).containsEntry("bouncyCastle",
					Map.of("bctls", BOUNCY_CASTLE_VERSION, "bcprov", BOUNCY_CASTLE_VERSION));
			Map<String, Object> server = nested(dtls, "server");
			assertThat(server).containsEntry("running", true);
			assertThat(server).containsEntry("address", "127.0.0.1:" + port);
			// The server has pre-shared keys and no certificate, so it accepts PSK suites only.
			assertThat(cipherSuites(server)).isNotEmpty().allSatisfy((suite) -> assertThat(suite).contains("_PSK_"));
		});
	}

	@Test
	void describesBouncyCastleWithoutServer() {
		this.runner.withPropertyValues("management.info.dtls.enabled=true", "dtls.server.enabled=false")
			.run((context) -> assertThat(dtlsInfo(context)).containsOnlyKeys("bouncyCastle"));
	}

	@Test
	void startLogNamesBouncyCastleVersion(CapturedOutput output) {
		this.runner.run((context) -> assertThat(output).containsPattern("INFO .*DTLS server listening on /127\\.0\\.0\\.1:\\d+"
				+ " with the (router|connected) demultiplexer and cipher suites \\[TLS_.*\\] on Bouncy Castle bctls 1\\.84,"
				+ " bcprov 1\\.84"));
	}

	private static Map<String, Object> dtlsInfo(AssertableApplicationContext context) {
		Info.Builder builder = new Info.Builder();
		context.getBean(DtlsInfoContributor.class).contribute(builder);
		return nested(builder.build().getDetails(), "dtls");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> nested(Map<String, Object> map, String key) {
		assertThat(map).containsKey(key);
		return (Map<String, Object>) map.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<String> cipherSuites(Map<String, Object> server) {
		return (List<String>) server.get("cipherSuites");
	}

}
