/**
 * The one definition of every RiderTrack event and topic: immutable event records, the
 * topic catalog ({@link dev.ridertrack.events.Topics}), the JSON setup every service
 * shares ({@link dev.ridertrack.events.EventJson}) and the geo helpers more than one
 * service needs ({@link dev.ridertrack.events.Geo}, {@link dev.ridertrack.events.Zones}).
 */
package dev.ridertrack.events;
