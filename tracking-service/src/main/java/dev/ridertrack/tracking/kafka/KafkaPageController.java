package dev.ridertrack.tracking.kafka;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Kafka page's JSON API. Every answer comes from the watcher's latest snapshot: no
 * request makes an Admin call.
 */
@RestController
@RequestMapping("/api/v1/kafka")
class KafkaPageController {

	private static final int MAX_TIMELINE = 1000;

	private final ClusterWatcher watcher;

	KafkaPageController(ClusterWatcher watcher) {
		this.watcher = watcher;
	}

	@GetMapping("/cluster")
	ClusterView cluster() {
		return this.watcher.snapshot().cluster();
	}

	@GetMapping("/topics")
	TopicView.Page topics(@RequestParam(defaultValue = "false") boolean internal) {
		ClusterSnapshot snapshot = this.watcher.snapshot();
		return new TopicView.Page(snapshot.polledAt(),
				snapshot.topics()
					.values()
					.stream()
					.filter((t) -> internal || !t.kind().internal())
					.map(TopicView::summary)
					.toList());
	}

	@GetMapping("/topics/{topic}")
	TopicView topic(@PathVariable String topic) {
		return this.watcher.topic(topic).orElseThrow(() -> KafkaProblem.unknownTopic(topic));
	}

	@GetMapping("/groups")
	GroupView.Page groups() {
		ClusterSnapshot snapshot = this.watcher.snapshot();
		return new GroupView.Page(snapshot.polledAt(),
				snapshot.groups().values().stream().map(GroupView::summary).toList());
	}

	@GetMapping("/groups/{group}")
	GroupView group(@PathVariable String group) {
		return this.watcher.group(group).orElseThrow(() -> KafkaProblem.unknownGroup(group));
	}

	@GetMapping("/groups/{group}/lag-history")
	LagHistory.Page lagHistory(@PathVariable String group, @RequestParam(defaultValue = "30") int minutes) {
		long kept = this.watcher.properties().history().toMinutes();
		if (minutes < 1 || minutes > kept) {
			throw KafkaProblem.invalidParameter("'minutes' must be between 1 and " + kept + ", not " + minutes + ".");
		}
		ClusterSnapshot snapshot = this.watcher.snapshot();
		if (!snapshot.groups().containsKey(group)) {
			throw KafkaProblem.unknownGroup(group);
		}
		Instant since = (snapshot.polledAt() != null) ? snapshot.polledAt().minusSeconds(minutes * 60L) : Instant.MIN;
		return new LagHistory.Page(group, this.watcher.properties().pollInterval().toMillis() / 1000.0,
				this.watcher.history().since(group, since));
	}

	@GetMapping("/timeline")
	TimelineEvent.Page timeline(@RequestParam(required = false) String since,
			@RequestParam(defaultValue = "200") int limit) {
		if (limit < 1 || limit > MAX_TIMELINE) {
			throw KafkaProblem
				.invalidParameter("'limit' must be between 1 and " + MAX_TIMELINE + ", not " + limit + ".");
		}
		List<TimelineEvent> events = this.watcher.timeline().newest(instant(since), limit);
		return new TimelineEvent.Page(events);
	}

	private static Instant instant(String since) {
		if (since == null || since.isBlank()) {
			return null;
		}
		try {
			return since.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(since))
					: Instant.parse(since);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw KafkaProblem.invalidParameter(
					"'since' must be an ISO-8601 instant (2026-12-05T18:30:00Z) or epoch milliseconds, not '" + since
							+ "'.");
		}
	}

}
