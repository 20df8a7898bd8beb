package dev.ridertrack.dbwriter.store;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}, which real MongoDB and mongo-java-server both answer.
 * Boot's own indicator sends {@code hello}, which mongo-java-server rejects, so it would
 * report DOWN forever on the local stack. With the short server-selection timeout this
 * turns DOWN within seconds of MongoDB going away.
 */
@Component("mongoHealthIndicator")
class MongoHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	MongoHealthIndicator(MongoTemplate mongo) {
		super("MongoDB health check failed");
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.mongo.getMongoDatabaseFactory().getMongoDatabase("admin").runCommand(new Document("ping", 1));
		builder.up().withDetail("database", this.mongo.getDb().getName());
	}

}
