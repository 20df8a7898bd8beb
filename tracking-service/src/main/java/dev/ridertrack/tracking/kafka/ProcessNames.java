package dev.ridertrack.tracking.kafka;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which RiderTrack process a Kafka client belongs to from its client id. Every
 * service sets {@code spring.kafka.client-id} to its name, and the local stack sets it to
 * the instance's name ({@code db-writer-2}) for every instance after the first. The
 * libraries then add their own suffixes: Spring Kafka's listener containers add
 * {@code -<n>} (the consumer's index in the container, always added), Kafka Streams adds
 * {@code -StreamThread-<n>-consumer} and the like. So {@code db-writer-0} is the first
 * instance's consumer, {@code db-writer-2-0} the second instance's, and
 * {@code eta-service-2-StreamThread-1-consumer} the second eta-service instance's.
 */
final class ProcessNames {

	static final List<String> SERVICES = List.of("tracking-service", "location-producer", "eta-service",
			"analytics-service", "db-writer", "load-generator");

	private static final Pattern LIBRARY_SUFFIX = Pattern
		.compile("-(StreamThread-\\d+|GlobalStreamThread)(-.*)?$|-(restore-consumer|consumer|producer|admin)$");

	private static final Pattern INSTANCE_AND_INDEX = Pattern.compile("^-(\\d+)-(\\d+)$");

	private static final Pattern ONE_NUMBER = Pattern.compile("^-(\\d+)$");

	private ProcessNames() {
	}

	/**
	 * The process a client id belongs to, or {@code null} when it is not one of ours.
	 */
	static String processOf(String clientId) {
		if (clientId == null) {
			return null;
		}
		for (String service : SERVICES) {
			if (!clientId.startsWith(service)) {
				continue;
			}
			String rest = clientId.substring(service.length());
			Matcher library = LIBRARY_SUFFIX.matcher(rest);
			boolean streams = library.find();
			if (streams) {
				rest = rest.substring(0, library.start());
			}
			if (rest.isEmpty()) {
				return service;
			}
			Matcher both = INSTANCE_AND_INDEX.matcher(rest);
			if (both.matches()) {
				return instance(service, both.group(1));
			}
			Matcher one = ONE_NUMBER.matcher(rest);
			if (one.matches()) {
				// with a library suffix the number is the instance; alone, it is Spring
				// Kafka's container index on the first instance
				return streams ? instance(service, one.group(1)) : service;
			}
		}
		return null;
	}

	private static String instance(String service, String number) {
		return ("1".equals(number)) ? service : service + "-" + number;
	}

}
