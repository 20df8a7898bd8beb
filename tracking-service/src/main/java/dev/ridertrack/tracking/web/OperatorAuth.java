package dev.ridertrack.tracking.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.ridertrack.tracking.SecurityProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * An operator is whoever sends the operator token as a bearer token (scripts, tests), or
 * holds the cookie of an open session (a browser, after the login page).
 */
@Component
public class OperatorAuth {

	static final String COOKIE = "rt_operator";

	private final SecurityProperties security;

	private final OperatorSessions sessions;

	OperatorAuth(SecurityProperties security, OperatorSessions sessions) {
		this.security = security;
		this.sessions = sessions;
	}

	/**
	 * Whether the request comes from an operator.
	 * @param request the request
	 * @return {@code true} for an operator
	 */
	public boolean isOperator(HttpServletRequest request) {
		if (!configured()) {
			return false;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.startsWith("Bearer ")
				&& matches(this.security.operatorToken(), authorization.substring(7))) {
			return true;
		}
		String session = sessionId(request);
		return session != null && this.sessions.isOpen(session);
	}

	boolean login(String presented) {
		return configured() && presented != null && matches(this.security.operatorToken(), presented);
	}

	static String sessionId(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	private boolean configured() {
		String operatorToken = this.security.operatorToken();
		return operatorToken != null && !operatorToken.isBlank();
	}

	private static boolean matches(String expected, String presented) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

}
