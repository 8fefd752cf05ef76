package io.dtls.spring.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import io.dtls.core.DtlsConfigurationException;
import io.dtls.core.credentials.CredentialsException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Checks property values before they reach the engine, so that a bad value fails at start-up
 * with Boot's failure analysis naming the property, the value and the fix.
 */
final class PropertyChecks {

	private PropertyChecks() {
	}

	static void positive(String name, int value) {
		if (value <= 0) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must be a positive number.");
		}
	}

	static void port(String name, int value) {
		if (value < 0 || value > 65535) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"Must be between 0 and 65535; 0 picks a free port.");
		}
	}

	static void positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must be a positive duration, such as 30s.");
		}
	}

	static void notNegative(String name, Duration value) {
		if (value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"Must not be negative; use 0 to turn the timeout off.");
		}
	}

	static int datagramSize(String name, DataSize value) {
		long bytes = value.toBytes();
		if (bytes < 256 || bytes > 65507) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"Must be between 256B and 65507B; 1232B fits every IPv6 path.");
		}
		return (int) bytes;
	}

	static int handshakeMessageSize(String name, DataSize value) {
		long bytes = value.toBytes();
		if (bytes < 1024 || bytes > (1 << 24)) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must be between 1KB and 16MB.");
		}
		return (int) bytes;
	}

	/**
	 * Runs a conversion of a property value and reports its failure against the property.
	 */
	static <T> T convert(String name, Object value, Supplier<T> conversion) {
		try {
			return conversion.get();
		}
		catch (DtlsConfigurationException | CredentialsException | IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(name, value, ex.getMessage());
		}
	}

}
