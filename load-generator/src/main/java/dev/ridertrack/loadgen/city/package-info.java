/**
 * The simulated city and its riders: a street grid with restaurants and customers, and
 * riders whose state lives in primitive arrays so that 100,000 of them fit in a small
 * heap. Pure logic driven by the caller's clock, so tests can run hours of city in a
 * second.
 */
package dev.ridertrack.loadgen.city;
