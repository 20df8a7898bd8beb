package dev.ridertrack.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HmacTokensTests {

	private final HmacTokens riders = new HmacTokens("a-test-secret-of-some-length", "rider");

	@Test
	void tokenMintedForARiderVerifiesForThatRider() {
		assertThat(this.riders.verify("rider-000042", this.riders.mint("rider-000042"))).isTrue();
	}

	@Test
	void tokenOfAnotherRiderIsRefused() {
		assertThat(this.riders.verify("rider-000042", this.riders.mint("rider-000043"))).isFalse();
	}

	@Test
	void riderTokenDoesNotOpenAnOrderWithTheSameId() {
		HmacTokens orders = new HmacTokens("a-test-secret-of-some-length", "order");
		assertThat(orders.verify("x-1", this.riders.mint("x-1"))).isFalse();
	}

	@Test
	void tokenUnderAnotherSecretIsRefused() {
		HmacTokens other = new HmacTokens("another-secret-of-some-length", "rider");
		assertThat(this.riders.verify("rider-1", other.mint("rider-1"))).isFalse();
	}

	@Test
	void missingOrGarbledTokensAreRefused() {
		assertThat(this.riders.verify("rider-1", null)).isFalse();
		assertThat(this.riders.verify("rider-1", "")).isFalse();
		assertThat(this.riders.verify("rider-1", "!!not base64!!")).isFalse();
	}

	@Test
	void shortSecretsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HmacTokens("short", "rider"));
	}

}
