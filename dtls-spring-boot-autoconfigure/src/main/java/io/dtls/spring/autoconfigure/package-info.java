/**
 * Auto-configuration of the DTLS server, client, listener infrastructure and template.
 */
@NullMarked
package io.dtls.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
