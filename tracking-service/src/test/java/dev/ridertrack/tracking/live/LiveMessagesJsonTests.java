package dev.ridertrack.tracking.live;

import java.time.Instant;

import dev.ridertrack.events.EtaUpdate;
import dev.ridertrack.events.EventJson;
import dev.ridertrack.events.Place;
import dev.ridertrack.tracking.live.OrderPages.OrderMessage;
import dev.ridertrack.tracking.live.LivePush.StatsMessage;
import dev.ridertrack.tracking.state.OrderView;
import org.junit.jupiter.api.Test;

import static dev.ridertrack.testsupport.PageJson.parse;
import static dev.ridertrack.testsupport.PageJson.written;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket's text messages: {@code stats} for the dashboard ({@code dashboard.js}),
 * {@code order} for the customer page ({@code track.js}).
 */
class LiveMessagesJsonTests {

	static final OrderView ORDER = new OrderView("order-1", "ASSIGNED",
			new OrderView.Steps(1700000000000L, 1700000005000L, null, null, null),
			new Place("r1", "Pasta Nord", 45.47, 9.18), null, "rider-1", null, null,
			new OrderView.Eta(300L, 1200L, 1700000006000L));

	static final String ORDER_JSON = """
			{"orderId":"order-1","status":"ASSIGNED",
			 "steps":{"placed":1700000000000,"assigned":1700000005000,"pickedUp":null,"delivered":null,"cancelled":null},
			 "restaurant":{"id":"r1","name":"Pasta Nord","lat":45.47,"lon":9.18},"customer":null,"riderId":"rider-1",
			 "eta":%s}""";

	@Test
	void statsMessageHasTheDashboardsFixRate() {
		assertThat(written(EventJson.mapper(), new StatsMessage(1250, 900, 4, 100))).isEqualTo(parse("""
				{"type":"stats","fixesPerSec":1250,"riders":900,"sessions":4,"tickMs":100}"""));
	}

	@Test
	void orderMessageCarriesTheOrderAsRedisHoldsIt() {
		assertThat(written(EventJson.mapper(), OrderMessage.of(ORDER, null))).isEqualTo(parse("""
				{"type":"order","order":%s}""".formatted(ORDER_JSON.formatted("""
				{"seconds":300,"remainingMeters":1200,"computedAt":1700000006000}"""))));
	}

	@Test
	void orderMessageTakesANewerEtaFromTheFeedThanRedisHas() {
		EtaUpdate fresher = new EtaUpdate("order-1", "rider-1", 250, 1000.6, Instant.ofEpochMilli(1700000007000L), 8);
		assertThat(written(EventJson.mapper(), OrderMessage.of(ORDER, fresher))).isEqualTo(parse("""
				{"type":"order","order":%s}""".formatted(ORDER_JSON.formatted("""
				{"seconds":250,"remainingMeters":1001,"computedAt":1700000007000}"""))));
	}

	@Test
	void orderMessageKeepsRedisEtaWhenTheFeedsIsOlder() {
		EtaUpdate older = new EtaUpdate("order-1", "rider-1", 50, 10, Instant.ofEpochMilli(1700000000000L), 8);
		assertThat(OrderMessage.of(ORDER, older).order().eta()).isEqualTo(ORDER.eta());
	}

	@Test
	void orderMessageOfAnUnknownOrderHasANullOrder() {
		assertThat(written(EventJson.mapper(), OrderMessage.of(null, new EtaUpdate("x", "y", 1, 1, Instant.now(), 1))))
			.isEqualTo(parse("""
					{"type":"order","order":null}"""));
	}

}
