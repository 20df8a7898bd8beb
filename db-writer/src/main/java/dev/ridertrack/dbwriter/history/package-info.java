/**
 * The history API: a rider's track between two times and an order's track from assignment
 * to delivery, downsampled on request, with trip statistics computed here.
 */
package dev.ridertrack.dbwriter.history;
