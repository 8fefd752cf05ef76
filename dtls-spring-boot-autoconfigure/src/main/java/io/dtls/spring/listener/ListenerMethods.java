package io.dtls.spring.listener;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.core.MethodParameter;

/**
 * Short descriptions of listener methods and parameters for error messages and logs.
 */
final class ListenerMethods {

	private ListenerMethods() {
	}

	/**
	 * Describes a method as {@code DeclaringClass.name(ParameterType, ...)} with simple type names.
	 */
	static String describe(Method method) {
		String parameterTypes = Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + parameterTypes + ")";
	}

	/**
	 * Describes a parameter by its name, which is {@code argN} unless the class was compiled with
	 * {@code -parameters}, its index and its method.
	 */
	static String describe(MethodParameter parameter) {
		String name = parameter.getParameter().getName();
		return "parameter '" + name + "' (index " + parameter.getParameterIndex() + ") of "
				+ describe(parameter.getParameter().getDeclaringExecutable());
	}

	private static String describe(java.lang.reflect.Executable executable) {
		return (executable instanceof Method method) ? describe(method) : executable.toString();
	}

}
