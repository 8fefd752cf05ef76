package io.dtls.sample;

/**
 * The reply to a reading.
 *
 * @param status {@code ok}, or {@code invalid} with an error
 * @param readings how many readings the server holds for the device after this one
 */
public record Acknowledgement(String deviceId, String metric, String status, long readings) {
}
