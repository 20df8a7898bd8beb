package dev.ridertrack.dbwriter;

import dev.ridertrack.testsupport.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

	@Test
	void featurePackagesDependOnEachOtherWithoutCycles() {
		Architecture.assertNoPackageCycles("dev.ridertrack.dbwriter");
	}

	@Test
	void usesNoOtherServicesCode() {
		Architecture.assertIndependentOfOtherServices("dev.ridertrack.dbwriter");
	}

}
