package dev.ridertrack.dbwriter.history;

import dev.ridertrack.dbwriter.store.HistoryProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard is served by tracking-service (another origin) and calls the history API
 * from the browser.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

	private final HistoryProperties properties;

	CorsConfiguration(HistoryProperties properties) {
		this.properties = properties;
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/api/v1/history/**")
			.allowedOrigins(this.properties.allowedOrigins().toArray(String[]::new))
			.allowedMethods("GET");
	}

}
