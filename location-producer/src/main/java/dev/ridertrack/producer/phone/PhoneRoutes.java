package dev.ridertrack.producer.phone;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Where the phone apps send: {@code /osmand} (GET or POST; token in the query or as the
 * last path segment) and {@code /owntracks} (POST).
 */
@Configuration(proxyBeanMethods = false)
class PhoneRoutes {

	static final String OSMAND = "/osmand";

	static final String OWNTRACKS = "/owntracks";

	@Bean
	RouterFunction<ServerResponse> phoneApps(OsmAndHandler osmand, OwnTracksHandler owntracks) {
		return RouterFunctions.route()
			.GET(OSMAND, osmand::handle)
			.POST(OSMAND, osmand::handle)
			.GET(OSMAND + "/{token}", osmand::handle)
			.POST(OSMAND + "/{token}", osmand::handle)
			.POST(OWNTRACKS, owntracks::handle)
			.build();
	}

}
