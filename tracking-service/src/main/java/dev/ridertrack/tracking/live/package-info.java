/**
 * The live view: every instance reads every partition of the streams into memory and
 * pushes batched binary deltas to browsers over WebSocket on a fixed tick.
 */
package dev.ridertrack.tracking.live;
