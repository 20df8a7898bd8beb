package dev.ridertrack.tracking.kafka;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message browser: a topic's records by partition, offset, time or key, read from the
 * log itself.
 */
@RestController
class MessagesController {

	private final MessageBrowser browser;

	MessagesController(MessageBrowser browser) {
		this.browser = browser;
	}

	/**
	 * A page of records. With a key: only that key's records, from the one partition the
	 * default partitioner puts it in. With an offset (and a partition or key) or a time:
	 * from there onwards. With neither: the newest.
	 * @param topic the topic
	 * @param partition one partition
	 * @param offset start at this offset
	 * @param time start at the first record at or after this time (ISO-8601 or epoch ms)
	 * @param key only this key's records
	 * @param limit at most this many records, 1 to 500 (default 50)
	 * @return the page
	 */
	@GetMapping("/api/v1/kafka/topics/{topic}/messages")
	MessagePage messages(@PathVariable String topic, @RequestParam(required = false) Integer partition,
			@RequestParam(required = false) Long offset, @RequestParam(required = false) String time,
			@RequestParam(required = false) String key, @RequestParam(required = false) Integer limit) {
		return this.browser.read(topic, MessageQuery.of(partition, offset, time, key, limit));
	}

}
