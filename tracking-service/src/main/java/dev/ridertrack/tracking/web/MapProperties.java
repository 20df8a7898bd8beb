package dev.ridertrack.tracking.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The map under the riders. By default a drawn map of the city (zones, outline, district
 * names) that needs nothing from the internet, so an offline or locked-down screen makes
 * no request that fails. Real tiles are a choice: a tile server's URL template.
 *
 * @param tiles a tile URL template such as
 * {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png} (env
 * {@code RIDERTRACK_MAP_TILES}); empty for the drawn map
 * @param attribution the credit the tile server asks for, shown on the map
 */
@ConfigurationProperties("ridertrack.map")
record MapProperties(@DefaultValue("") String tiles,
		@DefaultValue("&copy; OpenStreetMap contributors") String attribution) {

}
