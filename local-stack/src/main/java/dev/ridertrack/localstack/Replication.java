package dev.ridertrack.localstack;

/**
 * How many copies of each partition the stack asks for, and how many must acknowledge an
 * {@code acks=all} write: the one rule for the catalog's topics, the brokers' internal
 * topics and the services' own topics. One or two brokers cannot hold three copies, so
 * they get one; three brokers get three, of which two must be in sync, so one broker can
 * be lost without refusing a write.
 *
 * @param factor copies of each partition
 * @param minInsyncReplicas replicas that must acknowledge an {@code acks=all} write
 */
record Replication(int factor, int minInsyncReplicas) {

	/**
	 * The rule for a cluster.
	 * @param brokers brokers in the cluster
	 * @return its replication
	 */
	static Replication forBrokers(int brokers) {
		return (brokers >= 3) ? new Replication(3, 2) : new Replication(1, 1);
	}

	@Override
	public String toString() {
		return "replication " + this.factor + ", min.insync.replicas " + this.minInsyncReplicas;
	}

}
