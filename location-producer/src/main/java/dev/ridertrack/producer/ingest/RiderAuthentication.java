package dev.ridertrack.producer.ingest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ridertrack.platform.HmacTokens;

/**
 * Rider tokens, checked in two steps. Before the body is read: is there a bearer token of
 * the right shape at all ({@code 401} if not)? After the body is read and valid: was it
 * minted for the rider of every fix ({@code 403} if not)? A token is an HMAC, so it can
 * only be checked against a rider id, and the rider id is in the body.
 */
class RiderAuthentication {

	/** An HMAC-SHA256 in unpadded base64url: 32 bytes, 43 characters. */
	private static final int TOKEN_LENGTH = 43;

	private static final String BEARER = "Bearer ";

	/** Enough for every rider of a large city; the cache starts over when it is full. */
	private static final int MAX_VERIFIED = 250_000;

	private final HmacTokens riderTokens;

	/**
	 * The last token verified for each rider. A rider app sends the same token with every
	 * request, and an HMAC (a new {@code Mac}, keyed, over the rider id) costs more CPU
	 * than the rest of the check: comparing with the token verified last time is enough.
	 * A different token is verified in full.
	 */
	private final Map<String, String> verified = new ConcurrentHashMap<>();

	RiderAuthentication(HmacTokens riderTokens) {
		this.riderTokens = riderTokens;
	}

	/**
	 * Checks that a request carries a bearer token of the right shape, before its body is
	 * read.
	 * @param authorization the request's {@code Authorization} header, if any
	 * @return the token
	 */
	String token(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw IngestRejectedException.unauthenticated("send the rider token as 'Authorization: Bearer <token>'",
					null);
		}
		String token = authorization.substring(BEARER.length()).trim();
		if (token.length() != TOKEN_LENGTH || !FixValidator.isId(token)) {
			throw IngestRejectedException.unauthenticated("the bearer token is not a rider token", "invalid_token");
		}
		return token;
	}

	/**
	 * Checks that the token belongs to the rider of every fix.
	 * @param token what {@link #token} returned for the request
	 * @param fixes valid fixes
	 */
	void authorize(String token, List<FixRequest> fixes) {
		String checked = null;
		for (FixRequest fix : fixes) {
			// a batch comes from one rider: check each distinct rider id once
			if (!fix.riderId().equals(checked)) {
				if (!verify(fix.riderId(), token)) {
					throw IngestRejectedException
						.forbidden("the token was not minted for rider '" + fix.riderId() + "'");
				}
				checked = fix.riderId();
			}
		}
	}

	private boolean verify(String riderId, String token) {
		if (token.equals(this.verified.get(riderId))) {
			return true;
		}
		if (!this.riderTokens.verify(riderId, token)) {
			return false;
		}
		if (this.verified.size() >= MAX_VERIFIED) {
			this.verified.clear();
		}
		this.verified.put(riderId, token);
		return true;
	}

}
