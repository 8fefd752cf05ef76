package io.dtls.core.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Adds the display name of a failed run of a parameterized test, such as {@code connected/IPv6},
 * to the failure as a suppressed exception. Surefire's console output and text report name such
 * a run by index only, such as {@code [4]}, but print the failure's stack trace in full, with
 * its suppressed exceptions.
 */
public final class RunNameOnFailure implements TestExecutionExceptionHandler {

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
		throwable.addSuppressed(new FailedRun(runName(context)));
		throw throwable;
	}

	/**
	 * Joins the display names from the test class down to the run, so that the runs of a
	 * parameterized class, such as {@code connected/IPv6}, are named too.
	 */
	private static String runName(ExtensionContext context) {
		List<String> names = new ArrayList<>();
		Optional<ExtensionContext> current = Optional.of(context);
		while (current.isPresent() && current.get().getParent().isPresent()) {
			names.add(0, current.get().getDisplayName());
			current = current.get().getParent();
		}
		return String.join(" > ", names);
	}

	/**
	 * The name of the run in which a test failed, without a stack trace of its own.
	 */
	static final class FailedRun extends RuntimeException {

		private static final long serialVersionUID = 1L;

		FailedRun(String displayName) {
			super("in the run named " + displayName, null, false, false);
		}

	}

}
