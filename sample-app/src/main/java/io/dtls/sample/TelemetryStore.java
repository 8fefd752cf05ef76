package io.dtls.sample;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

/**
 * The latest reading of each metric of each device, and how many readings were accepted.
 */
@Component
public class TelemetryStore {

	private static final Log logger = LogFactory.getLog(TelemetryStore.class);

	private final Map<String, Map<String, Reading>> latest = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private final AtomicLong total = new AtomicLong();

	/**
	 * Stores a reading and returns how many the device has sent so far.
	 */
	public long store(Reading reading) {
		Reading stamped = (reading.timestamp() != null) ? reading
				: new Reading(reading.deviceId(), reading.metric(), reading.value(), Instant.now());
		this.latest.computeIfAbsent(reading.deviceId(), (device) -> new ConcurrentHashMap<>())
			.put(reading.metric(), stamped);
		this.total.incrementAndGet();
		return this.counts.computeIfAbsent(reading.deviceId(), (device) -> new AtomicLong()).incrementAndGet();
	}

	/**
	 * Returns the latest reading of each metric of a device, empty for an unknown device.
	 */
	public Map<String, Reading> latest(String deviceId) {
		return Map.copyOf(this.latest.getOrDefault(deviceId, Map.of()));
	}

	public long totalReadings() {
		return this.total.get();
	}

	public int devices() {
		return this.latest.size();
	}

	/**
	 * Logs the totals of the store. It runs after the DTLS server has stopped, so unless the
	 * shutdown timeout cut delivery short, the count includes every acknowledged reading.
	 */
	@PreDestroy
	void logTotals() {
		logger.info("Telemetry store holds " + totalReadings() + " readings from " + devices() + " devices");
	}

}
