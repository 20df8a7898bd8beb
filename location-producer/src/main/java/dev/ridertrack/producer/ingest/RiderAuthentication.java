package dev.ridertrack.producer.ingest;

import java.util.List;

import dev.ridertrack.platform.HmacTokens.Check;
import dev.ridertrack.producer.security.RiderTokens;

import org.springframework.stereotype.Component;

/**
 * The ingestion API's side of rider tokens, checked in two steps. Before the body is
 * read: is there a bearer token of the right shape at all ({@code 401} if not)? After the
 * body is read and valid: was it minted for the rider of every fix ({@code 403} if not)
 * and is it still valid ({@code 401} saying it expired if not)? A token is an HMAC, so it
 * can only be checked against a rider id, and the rider id is in the body.
 */
@Component
class RiderAuthentication {

	private static final String BEARER = "Bearer ";

	private final RiderTokens riderTokens;

	RiderAuthentication(RiderTokens riderTokens) {
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
		if (!RiderTokens.isTokenShaped(token)) {
			throw IngestRejectedException.unauthenticated("the bearer token is not a rider token", "invalid_token");
		}
		return token;
	}

	/**
	 * Checks that the token belongs to the rider of every fix and has not expired.
	 * @param token what {@link #token} returned for the request
	 * @param fixes valid fixes
	 */
	void authorize(String token, List<FixRequest> fixes) {
		String checked = null;
		for (FixRequest fix : fixes) {
			// a batch comes from one rider: check each distinct rider id once
			if (!fix.riderId().equals(checked)) {
				Check check = this.riderTokens.verify(fix.riderId(), token);
				if (check == Check.EXPIRED) {
					throw IngestRejectedException.unauthenticated("the rider token expired at "
							+ RiderTokens.expiryOf(token) + "; get a new token and send the fixes again",
							"invalid_token");
				}
				if (check != Check.VALID) {
					throw IngestRejectedException
						.forbidden("the token was not minted for rider '" + fix.riderId() + "'");
				}
				checked = fix.riderId();
			}
		}
	}

}
