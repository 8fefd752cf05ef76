/**
 * Auto-configuration of the DTLS info contributor.
 */
@NullMarked
package io.dtls.spring.autoconfigure.info;

import org.jspecify.annotations.NullMarked;
