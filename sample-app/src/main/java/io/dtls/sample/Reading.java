package io.dtls.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One measurement sent by a device, as JSON:
 * {@code {"deviceId":"sensor-1","metric":"temperature","value":21.5,"timestamp":"2026-12-04T10:15:30Z"}}.
 *
 * @param timestamp when the device took the measurement; the server's receive time when absent
 */
public record Reading(String deviceId, String metric, double value, @Nullable Instant timestamp) {
}
