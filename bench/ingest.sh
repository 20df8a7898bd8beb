#!/usr/bin/env bash
# Ingestion benchmark: Kafka's own ProducerPerformance, load-generator direct mode, HTTP
# mode through location-producer (apps uploading every 5th fix, then every fix on its own;
# location-producer's CPU per request), the HTTP client's own ceiling against a no-op stub,
# and load-generator's heap, side by side in one run against one real Kafka broker that the
# benchmark starts in a temp directory. Each run: --warmup seconds unmeasured, then --seconds.
#   bench/ingest.sh [--seconds 60] [--warmup 25] [--riders 100000] [--upload-every 5]
#                   [--bootstrap host:port] [--producer-url http://host:8081 --token-secret S]
#                   [--producer-jar path] [--no-stub x]
#                   [--compare-jar path]   another load-generator build (say, before a change): the
#                                          single-fix and stub rows run again with it, right after
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f load-generator/target/load-generator.jar ]; then
	./mvnw -B -q -pl load-generator -am package -DskipTests
fi
cp_file=load-generator/target/bench-kafka-classpath.txt
if [ ! -s "$cp_file" ]; then
	./mvnw -B -q -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file"
fi
exec java -Xmx256m -cp load-generator/target/load-generator.jar \
	-Dloader.main=dev.ridertrack.loadgen.bench.IngestBenchmark \
	org.springframework.boot.loader.launch.PropertiesLauncher \
	--kafka-classpath "$(cat "$cp_file")" "$@"
