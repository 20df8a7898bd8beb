package dev.ridertrack.tracking.zones;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The zone layer and the city charts, polled by the dashboard every few seconds (the
 * windows change every ten seconds, so the WebSocket's 250 ms tick would buy nothing).
 */
@RestController
class ZonesController {

	private final ZoneBoard board;

	ZonesController(ZoneBoard board) {
		this.board = board;
	}

	@GetMapping("/api/v1/zones/live")
	LiveZones zones() {
		return this.board.zones();
	}

}
