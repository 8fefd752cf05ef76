package io.dtls.core.credentials;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parser and formatter for IP address literals that never performs a name lookup.
 *
 * <p>{@link java.net.InetAddress#getByName} is not used because it resolves any string that is not a literal
 * through DNS, and because it turns IPv4-mapped IPv6 addresses into 4-byte IPv4 addresses.
 */
final class IpAddresses {

	private static final int IPV6_GROUPS = 8;

	private IpAddresses() {
	}

	/**
	 * Parses an IPv4 literal in dotted-decimal form or an IPv6 literal in any RFC 4291 text form: full,
	 * compressed with {@code ::}, or with an embedded IPv4 tail. Surrounding brackets and an IPv6 zone
	 * ({@code %eth0}) are removed before parsing.
	 *
	 * @return 4 bytes for IPv4, 16 bytes for IPv6, or {@code null} if the text is not an IP literal
	 */
	static byte @Nullable [] parse(String text) {
		String address = text;
		if (address.length() >= 2 && address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		if (address.indexOf(':') >= 0) {
			return parseIpv6(address);
		}
		return parseIpv4(address);
	}

	/**
	 * Formats an address as {@code 192.0.2.1} for 4 bytes or as eight uncompressed hexadecimal groups, the
	 * form that OpenSSL and the JDK print for certificate extensions, for 16 bytes. Other lengths are printed as
	 * hexadecimal bytes.
	 */
	static String format(byte[] address) {
		StringBuilder text = new StringBuilder();
		if (address.length == 4) {
			for (int i = 0; i < 4; i++) {
				if (i > 0) {
					text.append('.');
				}
				text.append(address[i] & 0xff);
			}
		} else if (address.length == 16) {
			for (int i = 0; i < 16; i += 2) {
				if (i > 0) {
					text.append(':');
				}
				text.append(Integer.toHexString(((address[i] & 0xff) << 8) | (address[i + 1] & 0xff)));
			}
		} else {
			for (byte b : address) {
				text.append(String.format("%02x", b & 0xff));
			}
		}
		return text.toString();
	}

	/**
	 * Parses four decimal octets. Leading zeros are rejected because some parsers read them as octal, so
	 * {@code 010.0.0.1} has no single meaning.
	 */
	private static byte @Nullable [] parseIpv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] address = new byte[4];
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 3 || !isDecimal(part)) {
				return null;
			}
			if (part.length() > 1 && part.charAt(0) == '0') {
				return null;
			}
			int value = Integer.parseInt(part);
			if (value > 255) {
				return null;
			}
			address[i] = (byte) value;
		}
		return address;
	}

	private static byte @Nullable [] parseIpv6(String text) {
		String address = text;
		int zoneStart = address.indexOf('%');
		if (zoneStart >= 0) {
			if (zoneStart == address.length() - 1) {
				return null;
			}
			address = address.substring(0, zoneStart);
		}

		// An embedded IPv4 tail such as ::ffff:192.0.2.1 fills the last two groups. It is replaced by two zero
		// groups for the group parser, and its bytes are written in afterwards.
		byte[] ipv4Tail = null;
		int lastColon = address.lastIndexOf(':');
		if (lastColon < 0) {
			return null;
		}
		String lastGroup = address.substring(lastColon + 1);
		if (lastGroup.indexOf('.') >= 0) {
			ipv4Tail = parseIpv4(lastGroup);
			if (ipv4Tail == null) {
				return null;
			}
			address = address.substring(0, lastColon + 1) + "0:0";
		}

		List<Integer> head;
		List<Integer> tail;
		int compression = address.indexOf("::");
		if (compression >= 0) {
			if (address.indexOf("::", compression + 1) >= 0) {
				return null;
			}
			head = parseGroups(address.substring(0, compression));
			tail = parseGroups(address.substring(compression + 2));
			// "::" stands for at least one zero group.
			if (head == null || tail == null || head.size() + tail.size() > IPV6_GROUPS - 1) {
				return null;
			}
		} else {
			head = parseGroups(address);
			tail = List.of();
			if (head == null || head.size() != IPV6_GROUPS) {
				return null;
			}
		}

		byte[] bytes = new byte[16];
		for (int i = 0; i < head.size(); i++) {
			writeGroup(bytes, i, head.get(i));
		}
		int tailStart = IPV6_GROUPS - tail.size();
		for (int i = 0; i < tail.size(); i++) {
			writeGroup(bytes, tailStart + i, tail.get(i));
		}
		if (ipv4Tail != null) {
			System.arraycopy(ipv4Tail, 0, bytes, 12, 4);
		}
		return bytes;
	}

	/** Parses colon-separated groups of one to four hexadecimal digits. An empty string has no groups. */
	private static @Nullable List<Integer> parseGroups(String text) {
		List<Integer> groups = new ArrayList<>();
		if (text.isEmpty()) {
			return groups;
		}
		for (String group : text.split(":", -1)) {
			if (group.isEmpty() || group.length() > 4 || !isHexadecimal(group)) {
				return null;
			}
			groups.add(Integer.parseInt(group, 16));
		}
		return groups;
	}

	private static void writeGroup(byte[] bytes, int groupIndex, int value) {
		bytes[groupIndex * 2] = (byte) (value >>> 8);
		bytes[groupIndex * 2 + 1] = (byte) value;
	}

	private static boolean isDecimal(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static boolean isHexadecimal(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean hexadecimal = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if (!hexadecimal) {
				return false;
			}
		}
		return true;
	}
}
