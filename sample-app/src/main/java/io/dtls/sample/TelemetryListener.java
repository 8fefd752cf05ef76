package io.dtls.sample;

import io.dtls.spring.DtlsPeer;
import io.dtls.spring.listener.DtlsListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Takes JSON readings from devices, keeps the latest per device and metric, and replies to each
 * with a JSON acknowledgement. A reading above the alert threshold also triggers a command
 * pushed back to the device.
 * <p>
 * Messages that start with '{' come here; the {@code condition} compares the first byte of the
 * payload with 123, the code of '{'. A message that is not a valid reading goes to
 * the {@code invalidReadingHandler} bean of {@link SampleConfiguration}, which replies with
 * status {@code invalid}.
 */
@Component
@Profile("!client")
class TelemetryListener {

	private final TelemetryStore store;

	private final CommandPusher commands;

	TelemetryListener(TelemetryStore store, CommandPusher commands) {
		this.store = store;
		this.commands = commands;
	}

	@DtlsListener(id = "telemetry", order = 1, condition = "payload.length > 0 and payload[0] == 123",
			errorHandler = "invalidReadingHandler")
	Acknowledgement reading(Reading reading, DtlsPeer peer) {
		long readings = this.store.store(reading);
		this.commands.checkThreshold(reading, peer);
		return new Acknowledgement(reading.deviceId(), reading.metric(), "ok", readings);
	}

}
