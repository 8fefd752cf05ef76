package io.dtls.spring.observation;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Stops observations of work that completes later than the call that started it.
 */
final class ObservationCompletion {

	private ObservationCompletion() {
	}

	/**
	 * Stops {@code observation} when {@code stage} completes, recording its failure if it
	 * completes exceptionally.
	 */
	static void stopOnCompletion(Observation observation, CompletionStage<?> stage) {
		stage.whenComplete((result, failure) -> stop(observation, failure));
	}

	/**
	 * Records {@code failure}, if any, and stops {@code observation}. A
	 * {@link CompletionException} is replaced by its cause.
	 */
	static void stop(Observation observation, @Nullable Throwable failure) {
		if (failure != null) {
			observation.error((failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure);
		}
		observation.stop();
	}

}
