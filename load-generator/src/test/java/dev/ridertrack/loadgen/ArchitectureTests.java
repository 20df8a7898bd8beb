package dev.ridertrack.loadgen;

import dev.ridertrack.testsupport.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

	@Test
	void featurePackagesDependOnEachOtherWithoutCycles() {
		Architecture.assertNoPackageCycles("dev.ridertrack.loadgen");
	}

	@Test
	void usesNoOtherServicesCode() {
		Architecture.assertIndependentOfOtherServices("dev.ridertrack.loadgen");
	}

}
