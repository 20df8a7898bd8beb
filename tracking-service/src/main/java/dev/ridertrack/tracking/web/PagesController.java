package dev.ridertrack.tracking.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.ridertrack.tracking.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages. They live outside {@code static/} so that only this controller, after its
 * checks, hands them out.
 */
@Controller
class PagesController {

	private final OperatorAuth operators;

	private final SecurityProperties security;

	PagesController(OperatorAuth operators, SecurityProperties security) {
		this.operators = operators;
		this.security = security;
	}

	@GetMapping("/")
	ResponseEntity<Resource> dashboard(HttpServletRequest request) {
		if (!this.operators.isOperator(request)) {
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/login")).build();
		}
		return page("pages/dashboard.html", HttpStatus.OK);
	}

	@GetMapping("/kafka")
	ResponseEntity<Resource> kafka(HttpServletRequest request) {
		if (!this.operators.isOperator(request)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"RiderTrack\"")
				.contentType(MediaType.TEXT_HTML)
				.cacheControl(CacheControl.noStore())
				.body(new ClassPathResource("pages/operators-only.html"));
		}
		return page("pages/kafka.html", HttpStatus.OK);
	}

	@GetMapping("/login")
	ResponseEntity<Resource> loginPage() {
		return page("pages/login.html", HttpStatus.OK);
	}

	@PostMapping("/login")
	ResponseEntity<Resource> login(@RequestParam(name = "token", required = false) String token,
			@RequestParam(name = "next", required = false) String next, HttpServletRequest request) {
		String target = isLocalPath(next) ? next : "/";
		if (!this.operators.login(token)) {
			String again = "/".equals(target) ? "/login?failed"
					: "/login?failed&next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(again)).build();
		}
		ResponseCookie cookie = ResponseCookie.from(OperatorAuth.COOKIE, this.operators.sessionCookieValue())
			.httpOnly(true)
			.sameSite("Strict")
			.secure(request.isSecure())
			.path("/")
			.maxAge(Duration.ofHours(12))
			.build();
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.SET_COOKIE, cookie.toString())
			.location(URI.create(target))
			.build();
	}

	/**
	 * Only a path on this site: {@code //host} and {@code /\host} are other sites to a
	 * browser, and a full URL would make the login page an open redirect.
	 */
	static boolean isLocalPath(String next) {
		return next != null && next.length() < 512 && next.startsWith("/") && !next.startsWith("//")
				&& next.chars().noneMatch((c) -> c < 0x21 || c == '\\' || c > 0x7e) && isUri(next);
	}

	private static boolean isUri(String path) {
		try {
			return URI.create(path).getHost() == null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	@PostMapping("/logout")
	ResponseEntity<Void> logout() {
		ResponseCookie cookie = ResponseCookie.from(OperatorAuth.COOKIE, "").path("/").maxAge(0).build();
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.SET_COOKIE, cookie.toString())
			.location(URI.create("/login"))
			.build();
	}

	@GetMapping("/track/{orderId}")
	ResponseEntity<Resource> track(@PathVariable String orderId,
			@RequestParam(name = "token", required = false) String token, HttpServletRequest request) {
		if (token == null && !this.operators.isOperator(request)) {
			return page("pages/refused.html", HttpStatus.UNAUTHORIZED);
		}
		if (token != null && !this.security.orderTokens().verify(orderId, token)) {
			return page("pages/refused.html", HttpStatus.FORBIDDEN);
		}
		return page("pages/track.html", HttpStatus.OK);
	}

	private static ResponseEntity<Resource> page(String path, HttpStatus status) {
		Resource resource = new ClassPathResource(path);
		try {
			return ResponseEntity.status(status)
				.contentType(MediaType.TEXT_HTML)
				.contentLength(resource.contentLength())
				.cacheControl(CacheControl.noStore())
				.body(resource);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
