package dev.ridertrack.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the catalog's topics are laid out on this cluster.
 *
 * @param replicationFactor copies of each partition: 1 on a single broker, 3 on three
 * @param minInsyncReplicas replicas that must have a write before {@code acks=all}
 * succeeds: 1 on a single broker, 2 on three
 */
@ConfigurationProperties("ridertrack.topics")
public record TopicsProperties(@DefaultValue("1") short replicationFactor, @DefaultValue("1") int minInsyncReplicas) {
}
