package dev.ridertrack.tracking.zones;

import java.util.List;

import dev.ridertrack.events.ZoneStats;
import dev.ridertrack.platform.PoisonRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

import org.springframework.stereotype.Component;

/**
 * Reads {@code zone-stats} into the {@link ZoneBoard}. Every instance is assigned every
 * partition, with no consumer group (a group would split them, and every dashboard shows
 * the whole city); on start it goes back a few thousand records per partition, so the
 * layer and charts are full at once instead of after ten minutes. Nothing is committed:
 * the start position never depends on a previous run.
 */
@Component
class ZoneStatsListener {

	private final ZoneBoard board;

	ZoneStatsListener(ZoneBoard board) {
		this.board = board;
	}

	@KafkaListener(id = "tracking-zones", idIsGroup = false, containerFactory = "zoneStatsListenerFactory",
			topicPartitions = @TopicPartition(topic = "zone-stats",
					partitions = "#{'0-' + (T(dev.ridertrack.events.Topics).ZONE_STATS.partitions() - 1)}",
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "-5000")))
	void onZoneStats(List<ConsumerRecord<String, ZoneStats>> records) {
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<String, ZoneStats> record = records.get(i);
			if (record.value() != null) {
				this.board.add(record.value());
			}
			else if (PoisonRecords.isUnreadable(record)) {
				// the platform's error handler sends it to zone-stats.DLT and redelivers
				// the rest
				throw PoisonRecords.unreadable(record, i);
			}
		}
	}

}
