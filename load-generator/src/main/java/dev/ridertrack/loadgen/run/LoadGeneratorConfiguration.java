package dev.ridertrack.loadgen.run;

import java.time.Clock;

import dev.ridertrack.loadgen.LoadGeneratorProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the engine, and starts it at startup when asked to; with a duration, runs that
 * long, prints the summary and exits (the CLI).
 */
@Configuration(proxyBeanMethods = false)
class LoadGeneratorConfiguration {

	private static final Log logger = LogFactory.getLog(LoadGeneratorConfiguration.class);

	@Bean(destroyMethod = "close")
	LoadEngine loadEngine(LoadGeneratorProperties properties, KafkaProperties kafka, Environment environment) {
		return new LoadEngine(properties, kafka::buildProducerProperties,
				environment.getProperty("ridertrack.security.token-secret"), Clock.systemUTC());
	}

	@Bean
	LoadMetrics loadMetrics(LoadEngine engine) {
		return new LoadMetrics(engine);
	}

	@Bean
	ApplicationRunner autostart(LoadGeneratorProperties properties, LoadEngine engine,
			ConfigurableApplicationContext context) {
		return (args) -> {
			if (!properties.autostart()) {
				logger.info("Waiting for POST /api/v1/start (ridertrack.loadgen.autostart is false)");
				return;
			}
			engine.start(engine.configuredPlan());
			if (properties.duration() != null) {
				// The CLI's timed run: the main thread is free to wait.
				Thread.sleep(properties.warmup().toMillis() + properties.duration().toMillis());
				Summary summary = engine.stop();
				summary.print();
				int code = SpringApplication.exit(context, () -> (summary.fixesFailed() == 0) ? 0 : 3);
				System.exit(code);
			}
		};
	}

}
