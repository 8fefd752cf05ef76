package io.dtls.spring.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when the application fails to start: Boot's whole failure report, which
 * must name the property and never print a pre-shared key, valid or not.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

	@Test
	void invalidPskKeyReportHidesEveryKey(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.run("--dtls.server.port=0", "--dtls.server.address=127.0.0.1",
					"--dtls.server.psk.identities.good=hex:00112233445566778899aabbccddeeff",
					"--dtls.server.psk.identities.bad=hex:00112233445566778899aabbccddeeZZ"));

		assertThat(output).contains("dtls.server.psk.identities.bad");
		assertThat(output).doesNotContain("00112233445566778899aabbccddee");
	}

}
