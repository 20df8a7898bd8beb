package dev.ridertrack.analytics.zones;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.ridertrack.events.ZoneStats;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * The city's zone statistics however many analytics-service instances share the work.
 * Each instance holds the windows of the zones in its partitions; every instance
 * advertises where its REST API is ({@code application.server}), so Kafka Streams knows
 * which instance holds which zone. A question about one zone goes to the instance that
 * holds it; a question about all zones asks every instance for its own part
 * ({@code scope=instance}) and merges the answers. Zones are disjoint between instances,
 * so zone tables simply concatenate; city-wide distinct riders add up the instances'
 * counts, which counts a rider twice only when, within one 10 s window, it crossed
 * between zones held by different instances.
 */
final class CityWideQueries {

	private static final ParameterizedTypeReference<List<ZoneStats>> ZONE_LIST = new ParameterizedTypeReference<>() {
	};

	private final ZoneQueries local;

	private final Supplier<KafkaStreams> streams;

	private final HostInfo self;

	private final RestClient http;

	CityWideQueries(ZoneQueries local, Supplier<KafkaStreams> streams, HostInfo self) {
		this.local = local;
		this.streams = streams;
		this.self = self;
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(Duration.ofSeconds(5));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	List<ZoneStats> current(Instant now, boolean instanceOnly) {
		List<ZoneStats> zones = new ArrayList<>(local(() -> this.local.current(now)));
		if (!instanceOnly) {
			for (HostInfo peer : peers()) {
				zones.addAll(ask(peer, ZONE_LIST, "/api/v1/zones?scope=instance"));
			}
			zones.sort(Comparator.comparing(ZoneStats::zoneId));
		}
		return zones;
	}

	List<ZoneStats> busiest(Instant now, int limit) {
		return ZoneQueries.busiestFirst(current(now, false), limit);
	}

	/**
	 * One zone's windows, from the instance that holds the zone.
	 * @param zoneId the zone
	 * @param window {@code 10s} (the last 10 minutes of live windows) or {@code 1m} (the
	 * last hour of history windows)
	 * @param now the end of the span
	 * @param instanceOnly answer from this instance's stores only
	 * @return the windows, oldest first
	 */
	List<ZoneStats> history(String zoneId, String window, Instant now, boolean instanceOnly) {
		if (!instanceOnly) {
			HostInfo holder = holderOf(zoneId);
			if (holder != null && !holder.equals(this.self)) {
				return ask(holder, ZONE_LIST, "/api/v1/zones/{zone}/history?scope=instance&window={window}", zoneId,
						window);
			}
		}
		boolean minutes = window.equals("1m");
		Duration span = minutes ? Duration.ofHours(1) : Duration.ofMinutes(10);
		return local(() -> this.local.history(zoneId, minutes, now, span));
	}

	CityStats city(Instant now, boolean instanceOnly) {
		CityStats mine = local(() -> this.local.city(now));
		if (instanceOnly) {
			return mine;
		}
		List<CityStats> parts = new ArrayList<>(List.of(mine));
		for (HostInfo peer : peers()) {
			parts.add(ask(peer, ParameterizedTypeReference.forType(CityStats.class), "/api/v1/city?scope=instance"));
		}
		return (parts.size() == 1) ? mine : merge(parts);
	}

	/**
	 * One city from the instances' parts: windows add up, a window is complete when every
	 * instance has closed it, and the city has counted as far as its slowest instance.
	 */
	static CityStats merge(List<CityStats> parts) {
		Map<Instant, CityStats.Fixes> fixes = new TreeMap<>();
		Map<Instant, CityStats.Deliveries> deliveries = new TreeMap<>();
		Instant streamTime = null;
		long behind = 0;
		for (CityStats part : parts) {
			for (CityStats.Fixes window : part.fixes()) {
				fixes.merge(window.windowStart(), window,
						(a, b) -> new CityStats.Fixes(a.windowStart(), a.windowEnd(),
								a.fixesPerSecond() + b.fixesPerSecond(), a.activeRiders() + b.activeRiders(),
								a.complete() && b.complete()));
			}
			for (CityStats.Deliveries window : part.deliveries()) {
				deliveries.merge(window.windowStart(), window, CityWideQueries::addDeliveries);
			}
			if (part.streamTime() != null && (streamTime == null || part.streamTime().isBefore(streamTime))) {
				streamTime = part.streamTime();
			}
			behind = Math.max(behind, part.behindSeconds());
		}
		return new CityStats(new ArrayList<>(fixes.values()), new ArrayList<>(deliveries.values()), streamTime, behind);
	}

	private static CityStats.Deliveries addDeliveries(CityStats.Deliveries a, CityStats.Deliveries b) {
		long count = a.deliveries() + b.deliveries();
		double avg = (count == 0) ? 0
				: (a.avgDeliverySeconds() * a.deliveries() + b.avgDeliverySeconds() * b.deliveries()) / count;
		return new CityStats.Deliveries(a.windowStart(), a.windowEnd(), count, Math.round(avg * 10) / 10.0,
				a.complete() && b.complete());
	}

	/** The other instances that hold zone windows. */
	private List<HostInfo> peers() {
		KafkaStreams kafkaStreams = this.streams.get();
		if (kafkaStreams == null) {
			return List.of();
		}
		return kafkaStreams.streamsMetadataForStore(AnalyticsTopology.SHORT_WINDOWS_STORE)
			.stream()
			.map(StreamsMetadata::hostInfo)
			.filter((host) -> !host.equals(this.self))
			.distinct()
			.toList();
	}

	private HostInfo holderOf(String zoneId) {
		KafkaStreams kafkaStreams = this.streams.get();
		if (kafkaStreams == null) {
			return null;
		}
		KeyQueryMetadata metadata = kafkaStreams.queryMetadataForKey(AnalyticsTopology.SHORT_WINDOWS_STORE, zoneId,
				Serdes.String().serializer());
		return (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) ? null : metadata.activeHost();
	}

	/**
	 * Run a query on this instance's stores, which are not queryable while Kafka Streams
	 * starts or rebalances.
	 */
	private static <T> T local(Supplier<T> query) {
		try {
			return query.get();
		}
		catch (InvalidStateStoreException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"zone statistics are not ready yet (Kafka Streams is starting or rebalancing); retry shortly", ex);
		}
	}

	private <T> T ask(HostInfo peer, ParameterizedTypeReference<T> type, String path, Object... variables) {
		String url = "http://" + peer.host() + ":" + peer.port() + path;
		try {
			return this.http.get().uri(url, variables).retrieve().body(type);
		}
		catch (RestClientException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "analytics instance " + peer.host() + ":"
					+ peer.port() + " holds part of the zones and did not answer; retry shortly", ex);
		}
	}

}
