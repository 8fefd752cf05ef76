package io.dtls.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample application.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * Reading value above which the device is sent a cool-down command.
	 */
	private double alertThreshold = 40.0;

	/**
	 * Server that client mode talks to, as host:port.
	 */
	private String target = "localhost:5684";

	public double getAlertThreshold() {
		return this.alertThreshold;
	}

	public void setAlertThreshold(double alertThreshold) {
		this.alertThreshold = alertThreshold;
	}

	public String getTarget() {
		return this.target;
	}

	public void setTarget(String target) {
		this.target = target;
	}

}
