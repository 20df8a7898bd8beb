/**
 * Rider tokens: the secret they are minted and checked with (and the one before the last
 * rotation), their lifetime, and {@link dev.ridertrack.producer.security.RiderTokens},
 * the one check every ingestion endpoint calls.
 */
package dev.ridertrack.producer.security;
