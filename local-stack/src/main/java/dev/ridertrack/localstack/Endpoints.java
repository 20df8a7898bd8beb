package dev.ridertrack.localstack;

/**
 * Where the services find the infrastructure, once it runs (the stack's own, or the one
 * given with {@code --kafka}, {@code --redis}, {@code --mongodb}).
 *
 * @param bootstrapServers Kafka's bootstrap addresses
 * @param redisHost Redis's host
 * @param redisPort Redis's port
 * @param mongoUri the MongoDB connection string
 * @param replication how the services' own topics are to be replicated
 */
record Endpoints(String bootstrapServers, String redisHost, int redisPort, String mongoUri, Replication replication) {

	String redisAddress() {
		return this.redisHost + ":" + this.redisPort;
	}

	/**
	 * The MongoDB connection string without its credentials, to print.
	 * @return it
	 */
	String redactedMongoUri() {
		return (this.mongoUri == null) ? "" : this.mongoUri.replaceAll("//[^@/]+@", "//***@");
	}

}
