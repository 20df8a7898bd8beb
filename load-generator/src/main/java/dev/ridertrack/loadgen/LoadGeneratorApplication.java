package dev.ridertrack.loadgen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts load-generator: the simulated city: riders, restaurants, customers and orders,
 * with a control API; also a command line ({@code --riders 1000 --duration 60s}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LoadGeneratorApplication {

	public static void main(String[] args) {
		SpringApplication.run(LoadGeneratorApplication.class, CliArguments.translate(args));
	}

}
