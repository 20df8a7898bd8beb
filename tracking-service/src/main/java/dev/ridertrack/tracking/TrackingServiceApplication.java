package dev.ridertrack.tracking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts tracking-service: live rider positions in Redis, WebSocket push and the browser
 * dashboard.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrackingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(TrackingServiceApplication.class, args);
	}

}
