package dev.ridertrack.loadgen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CliArgumentsTests {

	@Test
	void mapsShortFlagsOntoPropertiesAndStartsATimedRunWithoutAWebServer() {
		String[] args = CliArguments.translate(new String[] { "--riders", "100000", "--interval", "1s", "--mode",
				"kafka", "--duration=60s", "--scenario", "steady" });
		assertThat(args).containsExactly("--ridertrack.loadgen.riders=100000", "--ridertrack.loadgen.interval=1s",
				"--ridertrack.loadgen.mode=kafka", "--ridertrack.loadgen.duration=60s",
				"--ridertrack.loadgen.scenario.type=steady", "--ridertrack.loadgen.autostart=true",
				"--spring.main.web-application-type=none");
	}

	@Test
	void keepsTheControlApiWithoutADurationOrWithAPort() {
		assertThat(CliArguments.translate(new String[] { "--riders", "10" }))
			.containsExactly("--ridertrack.loadgen.riders=10", "--ridertrack.loadgen.autostart=true");
		assertThat(CliArguments.translate(new String[] { "--duration", "5s", "--port", "0" }))
			.doesNotContain("--spring.main.web-application-type=none");
	}

	@Test
	void passesSpringArgumentsThroughAndDoesNotAutostartForThem() {
		assertThat(CliArguments.translate(new String[] { "--spring.profiles.active=local", "--bootstrap", "h:1" }))
			.containsExactly("--spring.profiles.active=local", "--spring.kafka.bootstrap-servers=h:1");
	}

	@Test
	void saysWhichFlagLacksAValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> CliArguments.translate(new String[] { "--riders" }))
			.withMessageContaining("--riders");
	}

}
