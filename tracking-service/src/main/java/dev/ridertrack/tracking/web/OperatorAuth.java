package dev.ridertrack.tracking.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.ridertrack.tracking.SecurityProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * An operator is whoever sends the operator token as a bearer token, or holds the session
 * cookie the login page sets. The cookie is an HMAC of the operator token, so it needs no
 * server-side store and changing the token logs everyone out.
 */
@Component
public class OperatorAuth {

	static final String COOKIE = "rt_operator";

	private final SecurityProperties security;

	OperatorAuth(SecurityProperties security) {
		this.security = security;
	}

	/**
	 * Whether the request comes from a logged-in operator.
	 * @param request the request
	 * @return {@code true} for an operator
	 */
	public boolean isOperator(HttpServletRequest request) {
		String operatorToken = this.security.operatorToken();
		if (operatorToken == null || operatorToken.isBlank()) {
			return false;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.startsWith("Bearer ")
				&& matches(operatorToken, authorization.substring(7))) {
			return true;
		}
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE.equals(cookie.getName())
						&& this.security.operatorSessions().verify(operatorToken, cookie.getValue())) {
					return true;
				}
			}
		}
		return false;
	}

	boolean login(String presented) {
		String operatorToken = this.security.operatorToken();
		return operatorToken != null && !operatorToken.isBlank() && presented != null
				&& matches(operatorToken, presented);
	}

	String sessionCookieValue() {
		return this.security.operatorSessions().mint(this.security.operatorToken());
	}

	private static boolean matches(String expected, String presented) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

}
