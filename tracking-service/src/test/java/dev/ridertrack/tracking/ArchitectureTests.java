package dev.ridertrack.tracking;

import dev.ridertrack.testsupport.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

	@Test
	void featurePackagesDependOnEachOtherWithoutCycles() {
		Architecture.assertNoPackageCycles("dev.ridertrack.tracking");
	}

	@Test
	void usesNoOtherServicesCode() {
		Architecture.assertIndependentOfOtherServices("dev.ridertrack.tracking");
	}

}
