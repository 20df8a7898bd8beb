/**
 * Development conveniences that exist only in the {@code local} profile, such as minting
 * a rider token for curl.
 */
package dev.ridertrack.producer.devtoken;
