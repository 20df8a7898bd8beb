package dev.ridertrack.testsupport;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout rules every service and tool keeps, checked on its main classes: its feature
 * packages depend on each other without cycles, and it reaches no other service's code
 * (services talk through Kafka topics and HTTP, and share only common-events and
 * service-support).
 */
public final class Architecture {

	/** The root package of every service and tool. */
	public static final List<String> SERVICES = List.of("dev.ridertrack.producer", "dev.ridertrack.tracking",
			"dev.ridertrack.eta", "dev.ridertrack.analytics", "dev.ridertrack.dbwriter", "dev.ridertrack.loadgen",
			"dev.ridertrack.localstack");

	private Architecture() {
	}

	/**
	 * The main classes of one service.
	 * @param rootPackage the service's root package, one of {@link #SERVICES}
	 * @return its classes, without tests
	 */
	public static JavaClasses of(String rootPackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(rootPackage);
	}

	/**
	 * Fails when two feature packages of the service depend on each other, directly or
	 * round a longer loop.
	 * @param rootPackage the service's root package
	 */
	public static void assertNoPackageCycles(String rootPackage) {
		slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().check(of(rootPackage));
	}

	/**
	 * Fails when the service's code uses a class of another service.
	 * @param rootPackage the service's root package
	 */
	public static void assertIndependentOfOtherServices(String rootPackage) {
		String[] others = SERVICES.stream()
			.filter((s) -> !s.equals(rootPackage))
			.map((s) -> s + "..")
			.toArray(String[]::new);
		noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(of(rootPackage));
	}

}
