package dev.ridertrack.tracking.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.ridertrack.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kafka at work: rider-locations' partitions, which instance of each group reads which,
 * and how far behind each group is. Cached for two seconds, so many dashboards cost the
 * cluster one round of admin calls.
 */
@RestController
class KafkaPanelController implements AutoCloseable {

	private static final List<String> GROUPS = List.of("tracking", "eta", "analytics", "db-writer");

	private static final String TOPIC = Topics.RIDER_LOCATIONS.name();

	private final Admin admin;

	private final KafkaListenerEndpointRegistry listeners;

	private Map<String, Object> cached;

	private long cachedAt;

	KafkaPanelController(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners) {
		Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put("request.timeout.ms", 5000);
		config.put("default.api.timeout.ms", 5000);
		this.admin = Admin.create(config);
		this.listeners = listeners;
	}

	@GetMapping("/api/v1/kafka")
	synchronized Map<String, Object> kafka() throws Exception {
		long now = System.currentTimeMillis();
		if (this.cached != null && now - this.cachedAt < 2000) {
			return this.cached;
		}
		int partitions = Topics.RIDER_LOCATIONS.partitions();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int p = 0; p < partitions; p++) {
			latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
		}
		Map<TopicPartition, ListOffsetsResultInfo> ends = this.admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
		List<Map<String, Object>> groups = new ArrayList<>();
		for (String group : GROUPS) {
			// a group whose service is not running (yet) is shown as such, not as an
			// error
			Map<TopicPartition, OffsetAndMetadata> committed;
			ConsumerGroupDescription description;
			try {
				committed = this.admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get(5, TimeUnit.SECONDS);
				description = this.admin.describeConsumerGroups(List.of(group))
					.describedGroups()
					.get(group)
					.get(5, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				committed = Map.of();
				description = null;
			}
			Map<Integer, Long> lag = new TreeMap<>();
			long total = 0;
			for (int p = 0; p < partitions; p++) {
				TopicPartition tp = new TopicPartition(TOPIC, p);
				OffsetAndMetadata offset = committed.get(tp);
				long end = ends.containsKey(tp) ? ends.get(tp).offset() : 0;
				long behind = (offset != null) ? Math.max(0, end - offset.offset()) : (committed.isEmpty() ? 0 : end);
				lag.put(p, behind);
				total += behind;
			}
			List<Map<String, Object>> members = new ArrayList<>();
			if (description != null) {
				for (MemberDescription member : description.members()) {
					List<Integer> owned = member.assignment()
						.topicPartitions()
						.stream()
						.filter((tp) -> tp.topic().equals(TOPIC))
						.map(TopicPartition::partition)
						.sorted()
						.toList();
					Map<String, Object> m = new LinkedHashMap<>();
					m.put("clientId", member.clientId());
					m.put("host", member.host());
					m.put("partitions", owned);
					members.add(m);
				}
			}
			Map<String, Object> g = new LinkedHashMap<>();
			g.put("group", group);
			g.put("state", (description != null) ? description.groupState().toString() : "NOT RUNNING");
			g.put("members", members);
			g.put("lag", lag);
			// -1: the group has never committed, so there is no lag to speak of
			g.put("totalLag", (committed.isEmpty() && description == null) ? -1 : total);
			groups.add(g);
		}
		Map<Integer, Long> endOffsets = new TreeMap<>();
		ends.forEach((tp, info) -> endOffsets.put(tp.partition(), info.offset()));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("topic", TOPIC);
		answer.put("partitions", partitions);
		answer.put("endOffsets", endOffsets);
		answer.put("thisInstance", thisInstance());
		answer.put("groups", groups);
		this.cached = answer;
		this.cachedAt = now;
		return answer;
	}

	private List<Integer> thisInstance() {
		MessageListenerContainer container = this.listeners.getListenerContainer("tracking-locations");
		if (container == null) {
			return List.of();
		}
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		return (assigned != null) ? assigned.stream().map(TopicPartition::partition).sorted().toList() : List.of();
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
