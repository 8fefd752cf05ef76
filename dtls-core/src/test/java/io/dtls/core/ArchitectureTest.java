package io.dtls.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine stays usable without Spring: nothing in {@code io.dtls.core} may depend on it.
 */
class ArchitectureTest {

	private static final JavaClasses engine = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.dtls.core");

	@Test
	void engineDependsOnNoSpringPackage() {
		noClasses().that()
			.resideInAPackage("io.dtls.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.check(engine);
	}

	@Test
	void engineDependsOnNoSpringLayer() {
		noClasses().that()
			.resideInAPackage("io.dtls.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.dtls.spring..", "io.dtls.sample..")
			.check(engine);
	}

}
