package dev.ridertrack.producer.ingest;

import java.util.List;

import dev.ridertrack.platform.HmacTokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Rider tokens, checked in two steps. Before the body is read: is there a bearer token of
 * the right shape at all ({@code 401} if not)? After the body is read and valid: was it
 * minted for the rider of every fix ({@code 403} if not)? A token is an HMAC, so it can
 * only be checked against a rider id, and the rider id is in the body.
 */
class RiderAuthentication implements HandlerInterceptor {

	private static final String TOKEN = RiderAuthentication.class.getName() + ".token";

	/** An HMAC-SHA256 in unpadded base64url: 32 bytes, 43 characters. */
	private static final int TOKEN_LENGTH = 43;

	private static final String BEARER = "Bearer ";

	private final HmacTokens riderTokens;

	RiderAuthentication(HmacTokens riderTokens) {
		this.riderTokens = riderTokens;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() == DispatcherType.ASYNC) {
			// the answer to a request already checked, dispatched again once Kafka
			// acknowledged
			return true;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw IngestRejectedException.unauthenticated("send the rider token as 'Authorization: Bearer <token>'",
					null);
		}
		String token = authorization.substring(BEARER.length()).trim();
		if (token.length() != TOKEN_LENGTH || !FixValidator.isId(token)) {
			throw IngestRejectedException.unauthenticated("the bearer token is not a rider token", "invalid_token");
		}
		request.setAttribute(TOKEN, token);
		return true;
	}

	/**
	 * Checks that the request's token belongs to the rider of every fix.
	 * @param request the request that passed {@link #preHandle}
	 * @param fixes valid fixes
	 */
	void authorize(HttpServletRequest request, List<FixRequest> fixes) {
		String token = (String) request.getAttribute(TOKEN);
		String checked = null;
		for (FixRequest fix : fixes) {
			// a batch comes from one rider: check each distinct rider id once
			if (!fix.riderId().equals(checked)) {
				if (!this.riderTokens.verify(fix.riderId(), token)) {
					throw IngestRejectedException
						.forbidden("the token was not minted for rider '" + fix.riderId() + "'");
				}
				checked = fix.riderId();
			}
		}
	}

}
