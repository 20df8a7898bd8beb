/**
 * One way for every integration test to reach real infrastructure: a Kafka broker, Redis
 * and a MongoDB-compatible server, started once per test JVM on random ports. Where a
 * Docker engine answers, the real {@code apache/kafka}, {@code redis} and {@code mongo}
 * images run instead (Testcontainers); elsewhere, Spring Kafka's embedded KRaft broker,
 * the {@code redis-server} binary from embedded-redis and mongo-java-server.
 */
package dev.ridertrack.testsupport;
