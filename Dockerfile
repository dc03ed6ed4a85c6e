# syntax=docker/dockerfile:1
# Sieve container image: the runnable jar (proxy-core/target/sieve.jar + lib/), exactly what ./sieve runs.
#
# Build (BuildKit; docs/deploy.md "Build the image"):
#   docker build -t registry.example.com/security/sieve:0.1.0 .
# Run locally (creates its CA in the volume on first start):
#   docker run --rm -p 3128:3128 -v sieve-data:/var/lib/sieve registry.example.com/security/sieve:0.1.0
#
# The native libraries in the jar's classpath (Netty epoll and BoringSSL, Hyperscan) are the
# linux-x86_64 builds: build and run the image for linux/amd64.

# ---- build: the same Maven command as ./sieve -------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY certs/ certs/
COPY dlp-engine/ dlp-engine/
COPY rules/ rules/
COPY proxy-core/ proxy-core/
COPY bench/pom.xml bench/pom.xml
# The Maven repository is a BuildKit cache: rebuilds after a source change do not download again.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl proxy-core -am package

# ---- runtime: a slim Java 17 JRE, non-root -----------------------------------------------------
FROM eclipse-temurin:17-jre
ARG SIEVE_UID=10001
ARG SIEVE_GID=10001
LABEL org.opencontainers.image.title="Sieve" \
      org.opencontainers.image.description="Egress DLP forward proxy for AI agents"
RUN groupadd --system --gid "${SIEVE_GID}" sieve \
 && useradd --system --uid "${SIEVE_UID}" --gid "${SIEVE_GID}" --home-dir /var/lib/sieve \
            --no-create-home --shell /usr/sbin/nologin sieve \
 && mkdir -p /opt/sieve /etc/sieve /var/lib/sieve \
 && chown "${SIEVE_UID}:${SIEVE_GID}" /var/lib/sieve \
 && chmod 0700 /var/lib/sieve
WORKDIR /opt/sieve
COPY --from=build /src/proxy-core/target/lib/ /opt/sieve/lib/
COPY --from=build /src/proxy-core/target/sieve.jar /opt/sieve/sieve.jar
# Container defaults: listen on all interfaces (a port mapping or Service decides who reaches it).
COPY docker/sieve.yaml /etc/sieve/sieve.yaml
# The CA (unless configured elsewhere) and other state; `sieve ca ...` without --config uses it too.
ENV SIEVE_DATA_DIR=/var/lib/sieve
VOLUME ["/var/lib/sieve"]
USER ${SIEVE_UID}:${SIEVE_GID}
# proxy; admin (/healthz, /readyz, /metrics: loopback in docker/sieve.yaml unless a token file is configured)
EXPOSE 3128 9090
ENTRYPOINT ["java", "-jar", "/opt/sieve/sieve.jar"]
CMD ["run", "--config", "/etc/sieve/sieve.yaml"]
