# One image pattern for every RiderTrack service:
#   docker build --build-arg MODULE=tracking-service -t ridertrack/tracking-service .
# Stage 1 builds the one module (and what it depends on) with the Maven wrapper;
# stage 2 runs its Spring Boot jar on a JRE as a non-root user.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY common-events common-events
COPY service-support service-support
COPY test-support test-support
COPY location-producer location-producer
COPY load-generator load-generator
COPY tracking-service tracking-service
COPY eta-service eta-service
COPY analytics-service analytics-service
COPY db-writer db-writer
COPY local-stack local-stack
ARG MODULE
RUN test -n "${MODULE}" || (echo "build with --build-arg MODULE=<service module>" && false)
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true -pl ${MODULE} -am package

FROM eclipse-temurin:21-jre
ARG MODULE
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app ridertrack
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${MODULE}.jar /app/app.jar
USER ridertrack
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
