package dev.ridertrack.producer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts location-producer: the ingestion API for rider apps: validated GPS fixes into
 * rider-locations.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocationProducerApplication {

	public static void main(String[] args) {
		SpringApplication.run(LocationProducerApplication.class, args);
	}

}
