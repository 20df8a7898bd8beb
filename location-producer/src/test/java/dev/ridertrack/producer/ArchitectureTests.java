package dev.ridertrack.producer;

import dev.ridertrack.testsupport.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

	@Test
	void featurePackagesDependOnEachOtherWithoutCycles() {
		Architecture.assertNoPackageCycles("dev.ridertrack.producer");
	}

	@Test
	void usesNoOtherServicesCode() {
		Architecture.assertIndependentOfOtherServices("dev.ridertrack.producer");
	}

}
