package io.dtls.spring.metrics;

import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

/**
 * Tag values shared by the listener and template metrics.
 */
final class MeterTags {

	static final String OUTCOME_SUCCESS = "success";

	static final String OUTCOME_FAILURE = "failure";

	static final String NONE = "none";

	private MeterTags() {
	}

	/**
	 * Returns the simple class name of the failure, its full name for anonymous classes, or
	 * {@value #NONE}. A {@link CompletionException} is replaced by its cause.
	 */
	static String exception(@Nullable Throwable failure) {
		if (failure == null) {
			return NONE;
		}
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		String simpleName = cause.getClass().getSimpleName();
		return simpleName.isEmpty() ? cause.getClass().getName() : simpleName;
	}

}
