package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

	@ParameterizedTest
	@ValueSource(strings = {
		"0.0.0.0", "127.0.0.1", "255.255.255.255",
		"::", "::1", "1::", "2001:db8::8:800:200c:417a", "2001:DB8:0:0:8:800:200C:417A",
		"1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "fe80::1%eth0", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33",
		"1:2:3:4:5:6:192.0.2.1"
	})
	void validLiteralParsesLikeJdk(String literal) throws Exception {
		String withoutZone = literal.contains("%") ? literal.substring(0, literal.indexOf('%')) : literal;
		byte[] expected = InetAddress.getByName(withoutZone).getAddress();

		byte[] parsed = IpAddresses.parse(literal);

		// The JDK turns IPv4-mapped IPv6 addresses into 4-byte addresses, so only the last bytes are compared.
		assertThat(parsed).isNotNull();
		assertThat(parsed).endsWith(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..2.3",
		":", ":::", "1:::2", ":1", "1:", "1::2::3", "12345::", "g::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
		"1:2:3:4:5:6:7::8", "::1.2.3", "fe80::1%", "example.com", "[::1"
	})
	void invalidLiteralRejected(String text) {
		assertThat(IpAddresses.parse(text)).isNull();
	}

	@ParameterizedTest
	@CsvSource({
		"::1, 0:0:0:0:0:0:0:1",
		"2001:db8::a, 2001:db8:0:0:0:0:0:a",
		"192.0.2.1, 192.0.2.1"
	})
	void formatPrintsFullForm(String literal, String expected) {
		assertThat(IpAddresses.format(IpAddresses.parse(literal))).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = {"[::1]", "[192.0.2.1]"})
	void bracketsRemoved(String literal) {
		assertThat(IpAddresses.parse(literal)).isNotNull();
	}
}
