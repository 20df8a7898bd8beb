package dev.ridertrack.tracking.web;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.tracking.SecurityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the API and the actuator. Open: health (up or down, no details) and info, the
 * login page, static assets (code only, no data), the WebSocket endpoints (their handlers
 * check credentials) and the pages (their controller checks). An order is open to its
 * token; everything else under {@code /api} and {@code /actuator} needs an operator. An
 * operator's request carries a principal, which is what the actuator's
 * {@code show-details: when-authorized} looks for.
 */
@Component
@Order(0)
class AccessFilter extends OncePerRequestFilter {

	private static final Pattern ORDER = Pattern.compile("^/api/v1/orders/([^/]+)$");

	private static final Pattern PUBLIC_ACTUATOR = Pattern
		.compile("^/actuator/(health|health/liveness|health/readiness|info)/?$");

	private static final Principal OPERATOR = () -> "operator";

	private final OperatorAuth operators;

	private final SecurityProperties security;

	AccessFilter(OperatorAuth operators, SecurityProperties security) {
		this.operators = operators;
		this.security = security;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean actuator = path.equals("/actuator") || path.startsWith("/actuator/");
		if (!path.startsWith("/api/") && !actuator) {
			chain.doFilter(request, response);
			return;
		}
		if (this.operators.isOperator(request)) {
			chain.doFilter(actuator ? asOperator(request) : request, response);
			return;
		}
		if (actuator && PUBLIC_ACTUATOR.matcher(path).matches()) {
			chain.doFilter(request, response);
			return;
		}
		Matcher order = ORDER.matcher(path);
		String detail = "operator login required";
		HttpStatus status = null;
		if (order.matches()) {
			String token = orderToken(request);
			HmacTokens.Check check = this.security.orderTokens().check(order.group(1), token);
			if (check == HmacTokens.Check.VALID) {
				chain.doFilter(request, response);
				return;
			}
			detail = "a valid order token or operator login is required";
			if (check == HmacTokens.Check.EXPIRED) {
				status = HttpStatus.UNAUTHORIZED;
				detail = "the order token expired at " + Instant.ofEpochSecond(HmacTokens.expiry(token))
						+ "; ask for a new tracking link";
			}
		}
		boolean presented = request.getHeader("Authorization") != null || request.getParameter("token") != null;
		if (status == null) {
			status = presented ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
		}
		response.setStatus(status.value());
		if (status == HttpStatus.UNAUTHORIZED) {
			// a 401 names how to authenticate (RFC 9110); strict clients refuse one
			// without
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					presented ? "Bearer realm=\"RiderTrack\", error=\"invalid_token\"" : "Bearer realm=\"RiderTrack\"");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + detail + "\"}");
	}

	private static HttpServletRequest asOperator(HttpServletRequest request) {
		return new HttpServletRequestWrapper(request) {

			@Override
			public Principal getUserPrincipal() {
				return OPERATOR;
			}

			@Override
			public boolean isUserInRole(String role) {
				return "OPERATOR".equals(role);
			}

		};
	}

	static String orderToken(HttpServletRequest request) {
		String token = request.getParameter("token");
		String authorization = request.getHeader("Authorization");
		if (token == null && authorization != null && authorization.startsWith("Bearer ")) {
			token = authorization.substring(7);
		}
		return token;
	}

}
