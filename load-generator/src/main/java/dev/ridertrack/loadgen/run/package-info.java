/**
 * Running the city in real time: the time-wheel scheduler, the Kafka and HTTP senders,
 * scenarios, progress, ground truth, and the control API.
 */
package dev.ridertrack.loadgen.run;
