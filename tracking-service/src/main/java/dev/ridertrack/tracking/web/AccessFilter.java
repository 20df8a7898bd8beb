package dev.ridertrack.tracking.web;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ridertrack.tracking.SecurityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the API. Open: health, the login page, static assets (code only, no data), the
 * WebSocket endpoints (their handlers check credentials) and the pages (their controller
 * checks). An order is open to its token; everything else under {@code /api} needs an
 * operator.
 */
@Component
@Order(0)
class AccessFilter extends OncePerRequestFilter {

	private static final Pattern ORDER = Pattern.compile("^/api/v1/orders/([^/]+)$");

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
		if (!path.startsWith("/api/") || this.operators.isOperator(request)) {
			chain.doFilter(request, response);
			return;
		}
		Matcher order = ORDER.matcher(path);
		if (order.matches() && this.security.orderTokens().verify(order.group(1), orderToken(request))) {
			chain.doFilter(request, response);
			return;
		}
		boolean presented = request.getHeader("Authorization") != null || request.getParameter("token") != null;
		HttpStatus status = presented ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
		response.setStatus(status.value());
		if (status == HttpStatus.UNAUTHORIZED) {
			// a 401 names how to authenticate (RFC 9110); strict clients refuse one
			// without
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"RiderTrack\"");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + (order.matches()
							? "a valid order token or operator login is required" : "operator login required")
					+ "\"}");
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
