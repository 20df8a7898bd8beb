package dev.ridertrack.tracking.history;

import java.net.URI;
import java.net.http.HttpClient;

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
 * Forwards the dashboard's replay requests to db-writer's history API. The browser stays
 * on this origin, so the operator's cookie is the only credential and no CORS is
 * involved; db-writer's answers, its 400 and 404 problems included, pass through
 * unchanged. When db-writer cannot be reached the operator gets a 502 problem that says
 * so.
 */
@RestController
class HistoryProxyController {

	private static final Logger log = LoggerFactory.getLogger(HistoryProxyController.class);

	private final RestClient client;

	private final URI base;

	HistoryProxyController(HistoryProperties properties) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(properties.historyTimeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.historyTimeout());
		this.client = RestClient.builder().requestFactory(requests).build();
		this.base = properties.historyUrl();
	}

	@GetMapping("/api/v1/history/riders/{riderId}")
	ResponseEntity<?> rider(@PathVariable String riderId, HttpServletRequest request) {
		return forward("/api/v1/history/riders/" + UriUtils.encodePathSegment(riderId, "UTF-8"), request);
	}

	@GetMapping("/api/v1/history/orders/{orderId}")
	ResponseEntity<?> order(@PathVariable String orderId, HttpServletRequest request) {
		return forward("/api/v1/history/orders/" + UriUtils.encodePathSegment(orderId, "UTF-8"), request);
	}

	private ResponseEntity<?> forward(String path, HttpServletRequest request) {
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
			log.warn("history service at {} unavailable: {}", root, ex.getMessage());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
					"history service unavailable");
			problem.setTitle("History service unavailable");
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
		}
	}

}
