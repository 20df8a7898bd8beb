package dev.ridertrack.analytics;

import dev.ridertrack.testsupport.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

	@Test
	void featurePackagesDependOnEachOtherWithoutCycles() {
		Architecture.assertNoPackageCycles("dev.ridertrack.analytics");
	}

	@Test
	void usesNoOtherServicesCode() {
		Architecture.assertIndependentOfOtherServices("dev.ridertrack.analytics");
	}

}
