package dev.ridertrack.eta.estimate;

import java.time.Instant;

import dev.ridertrack.events.OrderEvent;
import dev.ridertrack.events.RiderLocation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is when the phone took the fix or when the order step happened, not when the
 * record reached Kafka. A phone whose clock runs more than a minute ahead of the record's
 * own timestamp is not trusted: one such fix would push stream time forward and make
 * everyone else's fixes look late.
 */
final class EventTimeExtractor implements TimestampExtractor {

	private static final long MAX_AHEAD_MS = 60_000;

	@Override
	public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
		Instant eventTime = null;
		if (record.value() instanceof RiderLocation fix) {
			eventTime = fix.recordedAt();
		}
		else if (record.value() instanceof OrderEvent order) {
			eventTime = order.at();
		}
		long recordTime = record.timestamp();
		if (eventTime == null) {
			return (recordTime >= 0) ? recordTime : partitionTime;
		}
		long event = eventTime.toEpochMilli();
		return (recordTime >= 0 && event > recordTime + MAX_AHEAD_MS) ? recordTime : event;
	}

}
