package dev.ridertrack.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Reports the service healthy only while it can reach the Kafka cluster: it asks the
 * cluster to describe itself and fails after a short timeout.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final KafkaAdmin kafkaAdmin;

	private volatile AdminClient adminClient;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		super("Kafka health check failed");
		this.kafkaAdmin = kafkaAdmin;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = adminClient()
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
		String clusterId;
		Collection<Node> nodes;
		try {
			clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			// the caller gave up (a reactive health request whose client went away
			// interrupts its worker): nothing is known about Kafka, and nothing is wrong
			Thread.currentThread().interrupt();
			builder.unknown().withDetail("reason", "the health check was cancelled");
			return;
		}
		builder.up()
			.withDetail("clusterId", clusterId)
			.withDetail("brokers", nodes.size())
			.withDetail("bootstrapServers",
					this.kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
	}

	private AdminClient adminClient() {
		if (this.adminClient == null) {
			synchronized (this) {
				if (this.adminClient == null) {
					this.adminClient = AdminClient.create(this.kafkaAdmin.getConfigurationProperties());
				}
			}
		}
		return this.adminClient;
	}

	@Override
	public void destroy() {
		if (this.adminClient != null) {
			this.adminClient.close(Duration.ofSeconds(2));
		}
	}

}
