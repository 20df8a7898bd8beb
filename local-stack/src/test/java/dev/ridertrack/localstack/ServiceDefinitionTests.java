package dev.ridertrack.localstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which JIT and heap the stack's JVMs get for a load, and how the riders join.
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

	@Test
	void heavyLoadsRampTheirRidersInUnlessTheEnvironmentChoosesAScenario() {
		assertThat(ServiceDefinition.loadShape(2_000, Map.of())).isEmpty();
		assertThat(ServiceDefinition.loadShape(100_000, Map.of())).containsOnly(
				Map.entry("RIDERTRACK_LOADGEN_SCENARIO_TYPE", "ramp"),
				Map.entry("RIDERTRACK_LOADGEN_SCENARIO_RAMP", "120s"));
		assertThat(ServiceDefinition.loadShape(100_000, Map.of("RIDERTRACK_LOADGEN_SCENARIO_RAMP", "30s")))
			.containsEntry("RIDERTRACK_LOADGEN_SCENARIO_RAMP", "30s");
		assertThat(ServiceDefinition.loadShape(100_000, Map.of("RIDERTRACK_LOADGEN_SCENARIO_TYPE", "steady")))
			.isEmpty();
	}

}
