package dev.ridertrack.dbwriter.store;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Short timeouts, so an unreachable MongoDB fails a flush (which is then retried) and
 * turns health DOWN within seconds instead of the driver's 30 s; and a listener that
 * counts the write commands the server receives.
 */
@Configuration(proxyBeanMethods = false)
class MongoClientConfiguration {

	@Bean
	WriteCommandCounter writeCommandCounter(MeterRegistry meterRegistry) {
		return new WriteCommandCounter(meterRegistry);
	}

	@Bean
	MongoClientSettingsBuilderCustomizer historyMongoClientSettings(StoreProperties store,
			WriteCommandCounter counter) {
		return (settings) -> settings.addCommandListener(counter)
			.applyToClusterSettings((cluster) -> cluster
				.serverSelectionTimeout(store.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
			.applyToSocketSettings(
					(socket) -> socket.connectTimeout((int) store.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
						.readTimeout((int) store.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
	}

}
