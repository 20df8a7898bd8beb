package dev.ridertrack.tracking.api;

import java.util.Collection;
import java.util.List;

import dev.ridertrack.tracking.kafka.DashboardPanel;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kafka at work on the dashboard: rider-locations' partitions, which instance of each
 * group reads which, and how far behind each group is. Read from the Kafka page's
 * watcher, so any number of dashboards costs the cluster nothing more.
 */
@RestController
class KafkaPanelController {

	private final DashboardPanel panel;

	private final KafkaListenerEndpointRegistry listeners;

	KafkaPanelController(DashboardPanel panel, KafkaListenerEndpointRegistry listeners) {
		this.panel = panel;
		this.listeners = listeners;
	}

	@GetMapping("/api/v1/kafka")
	DashboardPanel.Panel kafka() {
		return this.panel.panel(thisInstance());
	}

	private List<Integer> thisInstance() {
		MessageListenerContainer container = this.listeners.getListenerContainer("tracking-locations");
		if (container == null) {
			return List.of();
		}
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		return (assigned != null) ? assigned.stream().map(TopicPartition::partition).sorted().toList() : List.of();
	}

}
