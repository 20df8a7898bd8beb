package dev.ridertrack.tracking.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ridertrack.platform.HmacTokens;
import dev.ridertrack.tracking.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
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
import org.springframework.web.util.HtmlUtils;

/**
 * The pages. They live outside {@code static/} so that only this controller, after its
 * checks, hands them out; it fills in the few things that depend on the configuration
 * (the map's tiles, the development sign-in hint).
 */
@Controller
class PagesController {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final Map<String, String> pages = new ConcurrentHashMap<>();

	private final OperatorAuth operators;

	private final OperatorSessions sessions;

	private final LoginThrottle throttle;

	private final SecurityProperties security;

	private final String mapMeta;

	PagesController(OperatorAuth operators, OperatorSessions sessions, LoginThrottle throttle,
			SecurityProperties security, MapProperties map) {
		this.operators = operators;
		this.sessions = sessions;
		this.throttle = throttle;
		this.security = security;
		this.mapMeta = "<meta name=\"ridertrack-map-tiles\" content=\"" + HtmlUtils.htmlEscape(map.tiles())
				+ "\" data-attribution=\"" + HtmlUtils.htmlEscape(map.attribution()) + "\">\n</head>";
	}

	@GetMapping("/")
	ResponseEntity<String> dashboard(HttpServletRequest request) {
		if (!this.operators.isOperator(request)) {
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/login")).build();
		}
		return page("pages/dashboard.html", HttpStatus.OK);
	}

	@GetMapping("/kafka")
	ResponseEntity<String> kafka(HttpServletRequest request) {
		if (!this.operators.isOperator(request)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"RiderTrack\"")
				.contentType(HTML)
				.cacheControl(CacheControl.noStore())
				.body(html("pages/operators-only.html"));
		}
		return page("pages/kafka.html", HttpStatus.OK);
	}

	@GetMapping("/login")
	ResponseEntity<String> loginPage() {
		return loginPage(HttpStatus.OK, null);
	}

	/**
	 * Signs an operator in: a new session, in a cookie the page's scripts cannot read
	 * (HttpOnly), that no other site's page sends (SameSite=Strict), sent only over TLS
	 * when the request came over TLS (directly or through a proxy that says so), and
	 * lasting as long as the session. A client that keeps typing wrong tokens waits,
	 * longer each time ({@link LoginThrottle}).
	 */
	@PostMapping("/login")
	ResponseEntity<String> login(@RequestParam(name = "token", required = false) String token,
			@RequestParam(name = "next", required = false) String next, HttpServletRequest request) {
		String client = request.getRemoteAddr();
		Duration wait = this.throttle.waitFor(client);
		if (!wait.isZero()) {
			return tooManyAttempts(wait);
		}
		String target = isLocalPath(next) ? next : "/";
		if (!this.operators.login(token)) {
			wait = this.throttle.failed(client);
			if (!wait.isZero()) {
				return tooManyAttempts(wait);
			}
			String again = "/".equals(target) ? "/login?failed"
					: "/login?failed&next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(again)).build();
		}
		this.throttle.succeeded(client);
		ResponseCookie cookie = sessionCookie(this.sessions.open(), this.security.session().timeout(), request);
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.SET_COOKIE, cookie.toString())
			.location(URI.create(target))
			.build();
	}

	/**
	 * Signs out: the session ends on the server, so a copy of the cookie opens nothing
	 * afterwards.
	 */
	@PostMapping("/logout")
	ResponseEntity<Void> logout(HttpServletRequest request) {
		this.sessions.close(OperatorAuth.sessionId(request));
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.SET_COOKIE, sessionCookie("", Duration.ZERO, request).toString())
			.location(URI.create("/login"))
			.build();
	}

	private static ResponseCookie sessionCookie(String value, Duration maxAge, HttpServletRequest request) {
		return ResponseCookie.from(OperatorAuth.COOKIE, value)
			.httpOnly(true)
			.sameSite("Strict")
			.secure(request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")))
			.path("/")
			.maxAge(maxAge)
			.build();
	}

	private ResponseEntity<String> tooManyAttempts(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			.body(loginPage(HttpStatus.TOO_MANY_REQUESTS,
					"Too many wrong tokens: wait " + seconds + " s before you try again.")
				.getBody());
	}

	/**
	 * The sign-in page. In the {@code local} profile it shows the development operator
	 * token, so a newcomer is not stuck at the first screen; anywhere else it says
	 * nothing about tokens beyond where they are configured.
	 */
	private ResponseEntity<String> loginPage(HttpStatus status, String notice) {
		String hint = "";
		if (this.security.showOperatorTokenOnLogin() && this.security.operatorToken() != null) {
			hint = "<p class=\"hint\" id=\"dev-hint\">Development stack: the operator token is <code>"
					+ HtmlUtils.htmlEscape(this.security.operatorToken()) + "</code>.</p>";
		}
		String body = html("pages/login.html").replace("<!--hint-->", hint)
			.replace("<!--notice-->",
					(notice != null) ? "<p class=\"error\" id=\"wait\">" + HtmlUtils.htmlEscape(notice) + "</p>" : "");
		return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore()).body(body);
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

	@GetMapping("/track/{orderId}")
	ResponseEntity<String> track(@PathVariable String orderId,
			@RequestParam(name = "token", required = false) String token, HttpServletRequest request) {
		if (token == null && !this.operators.isOperator(request)) {
			return refused(HttpStatus.UNAUTHORIZED, null);
		}
		if (token != null) {
			HmacTokens.Check check = this.security.orderTokens().check(orderId, token);
			if (check == HmacTokens.Check.EXPIRED) {
				return refused(HttpStatus.UNAUTHORIZED, "This tracking link expired at "
						+ Instant.ofEpochSecond(HmacTokens.expiry(token)) + ". Ask for a new one.");
			}
			if (check != HmacTokens.Check.VALID) {
				return refused(HttpStatus.FORBIDDEN, null);
			}
		}
		return page("pages/track.html", HttpStatus.OK);
	}

	private ResponseEntity<String> refused(HttpStatus status, String why) {
		String body = html("pages/refused.html");
		if (why != null) {
			body = body.replace("<!--why-->", "<p class=\"error\" id=\"why\">" + HtmlUtils.htmlEscape(why) + "</p>");
		}
		return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore()).body(body);
	}

	private ResponseEntity<String> page(String path, HttpStatus status) {
		return ResponseEntity.status(status)
			.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			.body(html(path).replace("</head>", this.mapMeta));
	}

	private String html(String path) {
		return this.pages.computeIfAbsent(path, (p) -> {
			try {
				return new ClassPathResource(p).getContentAsString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}
