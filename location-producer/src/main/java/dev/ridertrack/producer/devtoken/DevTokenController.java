package dev.ridertrack.producer.devtoken;

import java.time.Instant;

import dev.ridertrack.producer.security.RiderTokens;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mints a rider token, so a developer can try the API with curl. Only in the
 * {@code local} profile: anywhere else it would hand out every rider's token.
 */
@RestController
@Profile("local")
class DevTokenController {

	private final RiderTokens riderTokens;

	DevTokenController(RiderTokens riderTokens) {
		this.riderTokens = riderTokens;
	}

	@Operation(summary = "Mint a rider token (local profile only)")
	@GetMapping("/api/v1/dev/token/{riderId}")
	DevToken token(@PathVariable String riderId) {
		String token = this.riderTokens.mint(riderId);
		return new DevToken(riderId, token, RiderTokens.expiryOf(token));
	}

	record DevToken(String riderId, String token, Instant expiresAt) {

	}

}
