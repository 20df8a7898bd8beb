/**
 * What every benchmark shares: child processes with their logs, the local stack's broker,
 * result tables. Each benchmark is a program ({@code ./ridertrack bench ...}), never a
 * test.
 */
package dev.ridertrack.bench;
