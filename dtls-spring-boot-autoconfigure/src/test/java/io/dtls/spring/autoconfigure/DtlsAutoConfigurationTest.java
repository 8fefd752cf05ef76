package io.dtls.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.dtls.core.credentials.PskStore;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.integration.DtlsInboundChannelAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DtlsAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DtlsAutoConfiguration.class, SslAutoConfiguration.class,
				LifecycleAutoConfiguration.class))
		.withPropertyValues("dtls.server.port=0", "dtls.server.address=127.0.0.1");

	@Test
	void defaultBeans() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DtlsServer.class);
			assertThat(context).hasSingleBean(DtlsServerLifecycle.class);
			assertThat(context).hasSingleBean(DtlsTemplate.class);
			assertThat(context).hasSingleBean(DtlsInboundChannelAdapter.class);
			assertThat(context).hasBean(DtlsAutoConfiguration.INBOUND_CHANNEL_BEAN_NAME);
			assertThat(context).hasBean(DtlsAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME);
			assertThat(context.getBean(DtlsServer.class).isRunning()).isTrue();
		});
	}

	@Test
	void listenerExecutorFollowsVirtualThreadsSetting() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			Object executor = context.getBean(DtlsAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME);
			if (Runtime.version().feature() >= 21) {
				assertThat(executor).isInstanceOf(org.springframework.core.task.SimpleAsyncTaskExecutor.class);
				assertThat(context.getBean(DtlsServer.class).isRunning()).isTrue();
			}
			else {
				// Virtual threads need Java 21; on older JVMs the setting is ignored.
				assertThat(executor)
					.isInstanceOf(org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor.class);
			}
		});
	}

	@Test
	void listenerThreadsProperty() {
		this.runner.withPropertyValues("dtls.listener.threads=3", "spring.threads.virtual.enabled=false").run((context) -> {
			var executor = context.getBean(DtlsAutoConfiguration.LISTENER_EXECUTOR_BEAN_NAME,
					org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor.class);
			assertThat(executor.getMaxPoolSize()).isEqualTo(3);
		});
	}

	@Test
	void serverDisabled() {
		this.runner.withPropertyValues("dtls.server.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DtlsServer.class);
			assertThat(context).hasSingleBean(DtlsTemplate.class);
		});
	}

	@Test
	void selfSignedFallbackLogsFingerprint(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).containsPattern(
					"WARN .*ephemeral self-signed certificate.*SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}");
		});
	}

	@Test
	void missingSslBundleFailsNamingIt() {
		this.runner.withPropertyValues("dtls.server.ssl.bundle=no-such-bundle").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dtls.server.ssl.bundle")
				.hasMessageContaining("no-such-bundle");
		});
	}

	@Test
	void unknownCipherSuiteFailsNamingProperty() {
		this.runner.withPropertyValues("dtls.server.cipher-suites=TLS_RSA_WITH_RC4_128_SHA").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dtls.server.cipher-suites")
				.hasMessageContaining("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
		});
	}

	@Test
	void invalidLimitFailsNamingProperty() {
		this.runner.withPropertyValues("dtls.server.max-handshakes=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dtls.server.max-handshakes");
		});
	}

	@Test
	void datagramSizeOutOfRangeFailsNamingProperty() {
		this.runner.withPropertyValues("dtls.server.max-datagram-size=100B").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("dtls.server.max-datagram-size");
		});
	}

	@Test
	void clientAuthWithoutBundleFailsNamingProperty() {
		this.runner.withPropertyValues("dtls.server.client-auth=need").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("dtls.server.client-auth")
				.hasMessageContaining("dtls.server.ssl.bundle");
		});
	}

	@Test
	void invalidPskKeyFailsWithoutShowingIt() {
		this.runner.withPropertyValues("dtls.server.psk.identities.sensor=hex:zz-secret").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("dtls.server.psk.identities.sensor")
				.hasMessageNotContaining("zz-secret");
		});
	}

	@Test
	void invalidClientPskKeyFailsAtStartup() {
		this.runner.withPropertyValues("dtls.client.psk.identity=device", "dtls.client.psk.key=hex:not-hex-secret")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("dtls.client.psk.key")
					.hasMessageNotContaining("not-hex-secret");
			});
	}

	@Test
	void pskFromPropertiesReplacesSelfSignedCertificate(CapturedOutput output) {
		this.runner.withPropertyValues("dtls.server.psk.identities.sensor=hex:00112233445566778899aabbccddeeff")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("self-signed");
			});
	}

	@Test
	void selfSignedBesidePskWhenAsked(CapturedOutput output) {
		this.runner
			.withPropertyValues("dtls.server.psk.identities.sensor=hex:00112233445566778899aabbccddeeff",
					"dtls.server.ssl.self-signed=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("ephemeral self-signed certificate");
			});
	}

	@Test
	void noKeyMaterialWithSelfSignedOffFails() {
		this.runner.withPropertyValues("dtls.server.ssl.self-signed=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("dtls.server.ssl.self-signed")
				.hasMessageContaining("dtls.server.ssl.bundle");
		});
	}

	@Test
	void userServerReplacesDefault() {
		this.runner.withUserConfiguration(UserServerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DtlsServer.class);
			assertThat(context.getBean(DtlsServer.class)).isSameAs(context.getBean("customServer"));
		});
	}

	@Test
	void userTemplateReplacesDefault() {
		this.runner.withBean("customTemplate", DtlsTemplate.class, () -> new DtlsTemplate(null,
				(io.dtls.spring.core.DtlsClientConnections) null, new org.springframework.messaging.converter.StringMessageConverter(),
				Duration.ofSeconds(1)))
			.run((context) -> assertThat(context.getBean(DtlsTemplate.class)).isSameAs(context.getBean("customTemplate")));
	}

	@Test
	void customizerApplied() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CustomizerConfiguration.class).applied).isTrue();
		});
	}

	@Test
	void pskStoreBeanUsed(CapturedOutput output) {
		this.runner.withBean(PskStore.class, () -> (identity) -> null).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("self-signed");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerConfiguration {

		@Bean
		DtlsServer customServer() {
			return DtlsServer.builder()
				.bindAddress(new java.net.InetSocketAddress("127.0.0.1", 0))
				.pskStore(io.dtls.core.credentials.StaticPskStore.of(Map.of("a", new byte[16])))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		volatile boolean applied;

		@Bean
		DtlsServerCustomizer recordingCustomizer() {
			return (DtlsServerBuilder builder) -> this.applied = true;
		}

	}

}
