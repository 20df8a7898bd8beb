package dev.ridertrack.dbwriter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts db-writer: batched, idempotent rider history in MongoDB.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DbWriterApplication {

	public static void main(String[] args) {
		SpringApplication.run(DbWriterApplication.class, args);
	}

}
