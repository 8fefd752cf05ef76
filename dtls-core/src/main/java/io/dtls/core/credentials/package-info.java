/**
 * Certificates, private keys, trust anchors and pre-shared keys that a DTLS endpoint authenticates with.
 */
@org.jspecify.annotations.NullMarked
package io.dtls.core.credentials;
