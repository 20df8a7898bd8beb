package dev.ridertrack.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisBinaryTests {

	@Test
	void picksTheShippedBinaryForThisPlatform() {
		assertThat(RedisBinary.resourceFor("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
		assertThat(RedisBinary.resourceFor("Linux", "aarch64")).isEqualTo("redis-server-6.2.7-linux-arm64");
		assertThat(RedisBinary.resourceFor("Mac OS X", "aarch64")).isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
		assertThat(getClass().getResource("/" + RedisBinary.resourceFor("Linux", "amd64"))).isNotNull();
	}

	@Test
	void saysWhatToDoWhereNoBinaryIsShipped() {
		assertThatThrownBy(() -> RedisBinary.resourceFor("Windows 11", "amd64")).hasMessageContaining("--redis");
	}

}
