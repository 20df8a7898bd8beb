package dev.ridertrack.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which JIT the stack's JVMs get for a load.
 */
class ServiceDefinitionTests {

	@Test
	void theDefaultLoadCompilesWithC1Only() {
		assertThat(ServiceDefinition.compiler(0)).isEqualTo("-XX:TieredStopAtLevel=1");
		assertThat(ServiceDefinition.compiler(2_000)).isEqualTo("-XX:TieredStopAtLevel=1");
		assertThat(ServiceDefinition.compiler(9_999)).isEqualTo("-XX:TieredStopAtLevel=1");
	}

	@Test
	void tenThousandRidersAndMoreGetTheFullJit() {
		assertThat(ServiceDefinition.compiler(10_000)).isEqualTo("-XX:TieredStopAtLevel=4");
		assertThat(ServiceDefinition.compiler(100_000)).isEqualTo("-XX:TieredStopAtLevel=4");
	}

	@Test
	void servicesUnderLoadGetALargerYoungGeneration() {
		assertThat(ServiceDefinition.forLoad(2_000)).containsExactly("-XX:TieredStopAtLevel=1");
		assertThat(ServiceDefinition.forLoad(100_000)).containsExactly("-XX:TieredStopAtLevel=4", "-Xms768m",
				"-Xmx768m", "-Xmn256m");
	}

}
