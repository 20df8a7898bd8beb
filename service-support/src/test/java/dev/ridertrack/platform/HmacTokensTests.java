package dev.ridertrack.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.ridertrack.platform.HmacTokens.Check;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HmacTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private static final String SECRET = "a-test-secret-of-some-length";

	private final HmacTokens riders = tokens(SECRET, null, NOW);

	private static HmacTokens tokens(String secret, String previous, Instant now) {
		return new HmacTokens(secret, previous, "rider", Duration.ofHours(2), Clock.fixed(now, ZoneOffset.UTC));
	}

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
		HmacTokens orders = new HmacTokens(SECRET, "order");
		assertThat(orders.verify("x-1", new HmacTokens(SECRET, "rider").mint("x-1"))).isFalse();
	}

	@Test
	void tokenUnderAnotherSecretIsRefused() {
		HmacTokens other = tokens("another-secret-of-some-length", null, NOW);
		assertThat(this.riders.check("rider-1", other.mint("rider-1"))).isEqualTo(Check.INVALID);
	}

	@Test
	void missingOrGarbledTokensAreRefused() {
		assertThat(this.riders.verify("rider-1", null)).isFalse();
		assertThat(this.riders.verify("rider-1", "")).isFalse();
		assertThat(this.riders.verify("rider-1", "!!not base64!!")).isFalse();
		assertThat(this.riders.verify("rider-1", "1.!!not base64 but the right length of characters!!")).isFalse();
	}

	@Test
	void tokenLastsItsLifetimeRoundedUpToTheMinuteAndIsExpiredAfter() {
		String token = this.riders.mint("rider-1");
		assertThat(HmacTokens.expiry(token)).isEqualTo(NOW.plus(Duration.ofHours(2)).getEpochSecond());
		assertThat(tokens(SECRET, null, NOW.plus(Duration.ofMinutes(119))).check("rider-1", token))
			.isEqualTo(Check.VALID);
		assertThat(tokens(SECRET, null, NOW.plus(Duration.ofHours(2))).check("rider-1", token))
			.isEqualTo(Check.EXPIRED);
	}

	@Test
	void tokensMintedWithinOneMinuteAreTheSame() {
		String first = tokens(SECRET, null, NOW.plusSeconds(1)).mint("rider-1");
		assertThat(tokens(SECRET, null, NOW.plusSeconds(59)).mint("rider-1")).isEqualTo(first);
		assertThat(tokens(SECRET, null, NOW.plusSeconds(61)).mint("rider-1")).isNotEqualTo(first);
	}

	@Test
	void changingTheExpiryBreaksTheToken() {
		String token = this.riders.mint("rider-1");
		String extended = (HmacTokens.expiry(token) + 86_400) + token.substring(token.indexOf('.'));
		assertThat(this.riders.check("rider-1", extended)).isEqualTo(Check.INVALID);
	}

	@Test
	void expiredTokenOfAnotherRiderIsInvalidNotExpired() {
		String token = this.riders.mint("rider-2", NOW.minusSeconds(60));
		assertThat(this.riders.check("rider-1", token)).isEqualTo(Check.INVALID);
		assertThat(this.riders.check("rider-2", token)).isEqualTo(Check.EXPIRED);
	}

	@Test
	void afterARotationTokensOfThePreviousSecretAreStillAcceptedAndNewOnesUseTheNewSecret() {
		String old = this.riders.mint("rider-1");
		HmacTokens rotated = tokens("the-new-secret-of-some-length", SECRET, NOW);
		assertThat(rotated.check("rider-1", old)).isEqualTo(Check.VALID);
		String fresh = rotated.mint("rider-1");
		assertThat(this.riders.check("rider-1", fresh)).as("the old secret does not know new tokens")
			.isEqualTo(Check.INVALID);
		HmacTokens rotationOver = tokens("the-new-secret-of-some-length", null, NOW);
		assertThat(rotationOver.check("rider-1", old)).isEqualTo(Check.INVALID);
		assertThat(rotationOver.check("rider-1", fresh)).isEqualTo(Check.VALID);
	}

	@Test
	void shortSecretsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HmacTokens("short", "rider"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HmacTokens(SECRET, "short", "rider", Duration.ofHours(1), Clock.systemUTC()));
	}

}
