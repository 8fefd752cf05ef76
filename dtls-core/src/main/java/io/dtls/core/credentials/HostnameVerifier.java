package io.dtls.core.credentials;

import java.io.IOException;
import java.net.IDN;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Host name verification for server certificates: a check that a certificate was issued for the host name or IP
 * address that a client connected to.
 *
 * <p>The rules follow RFC 6125. Only the subject alternative name extension is used, and the subject common name
 * is ignored even when the certificate has no subject alternative names.
 * <ul>
 *   <li>A DNS host name matches a {@code dNSName} entry, ignoring ASCII letter case and a trailing dot. An entry
 *       whose left-most label is exactly {@code *}, such as {@code *.example.com}, matches one label in that
 *       position, so it matches {@code a.example.com} but neither {@code example.com} nor
 *       {@code a.b.example.com}. The wildcard must be followed by at least two labels, and partial-label
 *       wildcards such as {@code a*.example.com} never match.</li>
 *   <li>An IP address host, IPv4 or IPv6 in any text form, matches an {@code iPAddress} entry with the same bytes.
 *       It is never compared with {@code dNSName} entries.</li>
 * </ul>
 * Host names with non-ASCII characters are converted to their ASCII form (IDNA) before matching.
 *
 * @since 0.1.0
 */
public final class HostnameVerifier {

	private HostnameVerifier() {
	}

	/**
	 * Verifies that a server certificate matches a host.
	 *
	 * @param serverCertificate the leaf certificate that the server presented
	 * @param host the host name or IP address literal that the client connected to. An IPv6 literal may be in
	 *     brackets.
	 * @throws CertificateException if the certificate has no subject alternative name that matches the host, or if
	 *     the host is not a valid host name or IP address. The message names the host and lists the
	 *     certificate's subject alternative names.
	 */
	public static void verify(X509Certificate serverCertificate, String host) throws CertificateException {
		Objects.requireNonNull(serverCertificate, "serverCertificate");
		Objects.requireNonNull(host, "host");
		String subject = serverCertificate.getSubjectX500Principal().getName();
		GeneralName[] names = subjectAlternativeNames(serverCertificate, subject);
		if (names.length == 0) {
			throw new CertificateException("Certificate '" + subject + "' has no subject alternative names, so"
					+ " host '" + host + "' cannot be verified. The subject common name is not used. Issue the"
					+ " certificate with a DNS or IP subject alternative name for the host.");
		}

		byte[] ipAddress = IpAddresses.parse(host);
		boolean matched;
		if (ipAddress != null) {
			matched = matchesIpAddress(names, ipAddress);
		} else {
			matched = matchesDnsName(names, toAsciiHostName(host));
		}
		if (!matched) {
			throw new CertificateException("Host '" + host + "' does not match certificate '" + subject
					+ "', whose subject alternative names are " + describe(names) + ".");
		}
	}

	private static GeneralName[] subjectAlternativeNames(X509Certificate certificate, String subject)
			throws CertificateException {
		byte[] extensionValue = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
		if (extensionValue == null) {
			return new GeneralName[0];
		}
		try {
			return GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extensionValue)).getNames();
		} catch (IOException | IllegalArgumentException | IllegalStateException e) {
			throw new CertificateException("Could not parse the subject alternative names of certificate '"
					+ subject + "': " + e.getMessage(), e);
		}
	}

	private static boolean matchesIpAddress(GeneralName[] names, byte[] hostAddress) {
		for (GeneralName name : names) {
			if (name.getTagNo() == GeneralName.iPAddress) {
				byte[] address = ASN1OctetString.getInstance(name.getName()).getOctets();
				if (Arrays.equals(address, hostAddress)) {
					return true;
				}
			}
		}
		return false;
	}

	private static String toAsciiHostName(String host) throws CertificateException {
		if (host.isEmpty()) {
			throw new CertificateException("Host name is empty, so no certificate can match it. Set the host that"
					+ " the client connects to.");
		}
		if (host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
			throw new CertificateException("Host '" + host + "' is not a valid IPv4 address. Write it as four"
					+ " decimal numbers from 0 to 255 without leading zeros, such as 192.0.2.1.");
		}
		if (host.indexOf('*') >= 0) {
			throw new CertificateException("Host '" + host + "' contains a wildcard. Wildcards are allowed only in"
					+ " certificates, so set the actual host name.");
		}
		try {
			return normalizeDnsName(IDN.toASCII(host, IDN.ALLOW_UNASSIGNED));
		} catch (IllegalArgumentException e) {
			throw new CertificateException("Host '" + host + "' is not a valid host name: " + e.getMessage(), e);
		}
	}

	private static boolean matchesDnsName(GeneralName[] names, String host) {
		for (GeneralName name : names) {
			if (name.getTagNo() == GeneralName.dNSName) {
				String pattern = normalizeDnsName(((ASN1String) name.getName()).getString());
				if (matchesDnsPattern(pattern, host)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean matchesDnsPattern(String pattern, String host) {
		if (!pattern.startsWith("*.")) {
			return pattern.indexOf('*') < 0 && pattern.equals(host);
		}
		String parentDomain = pattern.substring(2);
		// At least two labels after the wildcard, so that "*.com" does not match every name under a top-level
		// domain.
		if (parentDomain.indexOf('*') >= 0 || parentDomain.indexOf('.') < 0) {
			return false;
		}
		int firstDot = host.indexOf('.');
		return firstDot > 0 && host.substring(firstDot + 1).equals(parentDomain);
	}

	private static String normalizeDnsName(String name) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		return lowerCase.endsWith(".") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
	}

	private static String describe(GeneralName[] names) {
		List<String> descriptions = new ArrayList<>();
		for (GeneralName name : names) {
			switch (name.getTagNo()) {
				case GeneralName.dNSName -> descriptions.add("DNS:" + ((ASN1String) name.getName()).getString());
				case GeneralName.iPAddress -> descriptions.add(
						"IP:" + IpAddresses.format(ASN1OctetString.getInstance(name.getName()).getOctets()));
				case GeneralName.rfc822Name -> descriptions.add("email:" + ((ASN1String) name.getName()).getString());
				case GeneralName.uniformResourceIdentifier -> descriptions.add(
						"URI:" + ((ASN1String) name.getName()).getString());
				default -> descriptions.add(name.toString());
			}
		}
		return descriptions.toString();
	}
}
