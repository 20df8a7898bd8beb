/**
 * Real phone apps as riders: the OsmAnd protocol ({@code /osmand}: Traccar Client,
 * OsmAnd) and OwnTracks' HTTP mode ({@code /owntracks}) mapped to a fix in
 * {@code RiderLocation}'s units and sent through the ingestion path, plus (local profile)
 * a page that sets a phone up with a QR code.
 */
package dev.ridertrack.producer.phone;
