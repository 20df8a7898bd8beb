package dev.ridertrack.producer.ingest;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * What the ingestion endpoints leave out of the server's request observations.
 */
@Configuration(proxyBeanMethods = false)
class IngestObservations {

	/**
	 * No {@code http.server.requests} observation for the two ingestion endpoints: it
	 * cost ~7% of a request's CPU, and {@code ridertrack.ingest.*} already counts every
	 * answer by outcome and times Kafka's part. Every other endpoint is observed as
	 * usual.
	 */
	@Bean
	ObservationPredicate ingestRequestsNotObserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier() != null && request.getCarrier().getPath().value().startsWith(IngestRoutes.ONE));
	}

}
