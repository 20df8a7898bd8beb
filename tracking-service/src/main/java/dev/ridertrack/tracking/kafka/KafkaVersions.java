package dev.ridertrack.tracking.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Properties;

/**
 * Names the cluster's Kafka release. The finalized {@code metadata.version} level says
 * which release's metadata the cluster runs; only {@code kafka-server-common} knows the
 * mapping, so it is used when it happens to be on the classpath (not worth a dependency),
 * and the client's own version stands in otherwise.
 */
final class KafkaVersions {

	record Versions(String kafkaVersion, String metadataVersion) {
	}

	private static final Method FROM_LEVEL = fromLevel();

	private static final String CLIENT_VERSION = clientVersion();

	private KafkaVersions() {
	}

	static Versions of(Integer metadataLevel) {
		String client = CLIENT_VERSION;
		if (metadataLevel == null) {
			return new Versions(client, null);
		}
		if (FROM_LEVEL != null) {
			try {
				Object version = FROM_LEVEL.invoke(null, metadataLevel.shortValue());
				String full = (String) version.getClass().getMethod("version").invoke(version);
				String release = (String) version.getClass().getMethod("shortVersion").invoke(version);
				// the metadata version names the release line; the client's patch level
				// is the best guess at the rest
				String kafka = client.startsWith(release + ".") ? client : release;
				return new Versions(kafka, full);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// an unknown level (a newer broker): fall through
			}
		}
		return new Versions(client, "level " + metadataLevel);
	}

	// The file kafka-clients' AppInfoParser reads: that class is internal and moved
	// package in Kafka 4.4.
	private static String clientVersion() {
		try (InputStream in = KafkaVersions.class.getResourceAsStream("/kafka/kafka-version.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static Method fromLevel() {
		try {
			return Class.forName("org.apache.kafka.server.common.MetadataVersion")
				.getMethod("fromFeatureLevel", short.class);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return null;
		}
	}

}
