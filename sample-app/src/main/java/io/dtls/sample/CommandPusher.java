package io.dtls.sample;

import io.dtls.spring.DtlsPeer;
import io.dtls.spring.core.DtlsTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Pushes a command to a device with {@link DtlsTemplate}, unasked: when a reading exceeds the
 * alert threshold, the device is sent a cool-down command. A DTLS server can reach a device this way
 * as long as the device's connection is open.
 */
@Component
@Profile("!client")
class CommandPusher {

	private static final Log logger = LogFactory.getLog(CommandPusher.class);

	private final DtlsTemplate template;

	private final SampleProperties properties;

	CommandPusher(DtlsTemplate template, SampleProperties properties) {
		this.template = template;
		this.properties = properties;
	}

	void checkThreshold(Reading reading, DtlsPeer peer) {
		if (reading.value() <= this.properties.getAlertThreshold()) {
			return;
		}
		Command command = new Command(reading.deviceId(), "cool-down",
				reading.metric() + " " + reading.value() + " exceeds " + this.properties.getAlertThreshold());
		this.template.convertAndSend(peer, command).whenComplete((sent, failure) -> {
			if (failure != null) {
				logger.warn("Command to " + reading.deviceId() + " at " + peer.address() + " failed: " + failure);
			}
			else {
				logger.info("Sent command " + command.command() + " to " + reading.deviceId());
			}
		});
	}

	/**
	 * A command for a device, sent as JSON.
	 */
	record Command(String deviceId, String command, String reason) {
	}

}
