package dev.ridertrack.eta;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts eta-service: eTA of every active order with Kafka Streams.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EtaServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(EtaServiceApplication.class, args);
	}

}
