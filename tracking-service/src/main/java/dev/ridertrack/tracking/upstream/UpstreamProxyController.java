package dev.ridertrack.tracking.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriUtils;

/**
 * Forwards the dashboard's replay requests to db-writer's history API and its city
 * request to analytics. The browser stays on this origin, so the operator's cookie is the
 * only credential and no CORS is involved; the services' answers, their 400/404/503
 * problems included, pass through unchanged. A service that cannot be reached is a 502
 * problem naming it.
 */
@RestController
class UpstreamProxyController {

	private static final Logger log = LoggerFactory.getLogger(UpstreamProxyController.class);

	private final Upstream history;

	private final Upstream analytics;

	UpstreamProxyController(UpstreamProperties properties) {
		RestClient client = client(properties.upstreamTimeout());
		this.history = new Upstream("history", client, properties.historyUrl());
		this.analytics = new Upstream("analytics", client, properties.analyticsUrl());
	}

	@GetMapping("/api/v1/history/riders/{riderId}")
	ResponseEntity<?> riderHistory(@PathVariable String riderId, HttpServletRequest request) {
		return this.history.forward("/api/v1/history/riders/" + UriUtils.encodePathSegment(riderId, "UTF-8"), request);
	}

	@GetMapping("/api/v1/history/orders/{orderId}")
	ResponseEntity<?> orderHistory(@PathVariable String orderId, HttpServletRequest request) {
		return this.history.forward("/api/v1/history/orders/" + UriUtils.encodePathSegment(orderId, "UTF-8"), request);
	}

	@GetMapping("/api/v1/city")
	ResponseEntity<?> city(HttpServletRequest request) {
		return this.analytics.forward("/api/v1/city", request);
	}

	private static RestClient client(Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(timeout);
		return RestClient.builder().requestFactory(requests).build();
	}

	private record Upstream(String name, RestClient client, URI base) {

		ResponseEntity<?> forward(String path, HttpServletRequest request) {
			String query = request.getQueryString();
			String root = this.base.toString().replaceAll("/+$", "");
			URI target = URI.create(root + path + ((query != null) ? "?" + query : ""));
			try {
				return this.client.get()
					.uri(target)
					.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
					.exchange((req, res) -> {
						MediaType type = res.getHeaders().getContentType();
						return ResponseEntity.status(res.getStatusCode())
							.contentType((type != null) ? type : MediaType.APPLICATION_JSON)
							.body(res.getBody().readAllBytes());
					});
			}
			catch (ResourceAccessException ex) {
				log.warn("{} service at {} unavailable: {}", this.name, root, ex.getMessage());
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
						this.name + " service unavailable");
				problem.setTitle(
						Character.toUpperCase(this.name.charAt(0)) + this.name.substring(1) + " service unavailable");
				return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
			}
		}

	}

}
