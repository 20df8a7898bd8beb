/**
 * Lessons: Kafka's classic concepts as experiments on the real cluster, each with an
 * explanation, actions, and a narration built from what really happened. The Kafka page's
 * Lessons tab and {@code /api/v1/lessons/} drive them.
 */
package dev.ridertrack.tracking.lessons;
