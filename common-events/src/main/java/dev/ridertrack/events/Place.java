package dev.ridertrack.events;

/**
 * A named point on the map: a restaurant or a customer's door.
 *
 * @param id a stable identifier of the place
 * @param name what a person would call it
 * @param lat latitude in degrees
 * @param lon longitude in degrees
 */
public record Place(String id, String name, double lat, double lon) {
}
