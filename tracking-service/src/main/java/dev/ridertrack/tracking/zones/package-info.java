/**
 * Zone statistics for the dashboard: analytics' {@code zone-stats} windows, held in
 * memory as the latest window per zone and city-wide series for the charts.
 */
package dev.ridertrack.tracking.zones;
