package dev.ridertrack.producer.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.platform.HmacTokens.Check;

/**
 * The rider token check every way in calls ({@code /api/v1/locations}, and the phone-app
 * protocols): was this token minted for this rider, under the current or the previous
 * secret, and has it not expired?
 */
public class RiderTokens {

	/** Enough for every rider of a large city; the cache starts over when it is full. */
	private static final int MAX_VERIFIED = 250_000;

	private final HmacTokens tokens;

	/**
	 * The last token verified for each rider. A rider app sends the same token with every
	 * request, and an HMAC (a new {@code Mac}, keyed, over the rider id) costs more CPU
	 * than the rest of the check: comparing with the token verified last time, and its
	 * expiry with the clock, is enough. A different token is verified in full.
	 */
	private final Map<String, String> verified = new ConcurrentHashMap<>();

	RiderTokens(HmacTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * Whether a token may send fixes for a rider.
	 * @param riderId the rider the fixes are for
	 * @param token the token presented, may be {@code null}
	 * @return {@link Check#VALID}; {@link Check#EXPIRED} for a token of this rider whose
	 * time is up (say so: the app must fetch a new one); {@link Check#INVALID} otherwise
	 */
	public Check verify(String riderId, String token) {
		if (token != null && token.equals(this.verified.get(riderId))) {
			return (Instant.now().getEpochSecond() < HmacTokens.expiry(token)) ? Check.VALID : Check.EXPIRED;
		}
		Check check = this.tokens.check(riderId, token);
		if (check == Check.VALID) {
			if (this.verified.size() >= MAX_VERIFIED) {
				this.verified.clear();
			}
			this.verified.put(riderId, token);
		}
		return check;
	}

	/**
	 * Whether a string is shaped like a rider token at all (before a body is read).
	 * @param token what the client sent
	 * @return {@code true} if it could be a token
	 */
	public static boolean isTokenShaped(String token) {
		return HmacTokens.expiry(token) >= 0;
	}

	/**
	 * When a token says it expires: for messages only.
	 * @param token a token
	 * @return its expiry, or {@code null} if it has none
	 */
	public static Instant expiryOf(String token) {
		long expiry = HmacTokens.expiry(token);
		return (expiry < 0) ? null : Instant.ofEpochSecond(expiry);
	}

	/**
	 * A new token for a rider, valid for the configured lifetime.
	 * @param riderId the rider
	 * @return the token
	 */
	public String mint(String riderId) {
		return this.tokens.mint(riderId);
	}

}
