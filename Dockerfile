# A distroless image of delta-s3-proxy, built from the same layout as the tarball:
#   ./mvnw -DskipTests package && docker build -t delta-s3-proxy .
# The jlinked runtime needs only glibc, so distroless/base (no shell, no package manager) is enough; the
# entrypoint is the launcher's java command spelled out (distroless has no /bin/sh to run bin/delta-s3-proxy).
# The demo config.json and tables are NOT copied: the container serves only a configuration mounted at
# /etc/delta-s3-proxy/config.json and stops with exit code 2 ("configuration error") when there is none.
# Extra JVM flags: JDK_JAVA_OPTIONS (read by the java launcher itself; they come before lib/jvm.options, so they
# add flags such as -Xmx; to change a value lib/jvm.options sets, mount your own file over it).
# scripts/smoke-image checks that every COPY source below exists in the tarball and runs this ENTRYPOINT against
# it, so the recipe follows the jlink layout.
FROM gcr.io/distroless/base-debian12:nonroot
ARG VERSION=0.1.0
ARG IMAGE=jlink/target/image/delta-s3-proxy-${VERSION}
# Owned by root and read-only for the nonroot user the container runs as (uid 65532).
COPY ${IMAGE}/runtime /opt/delta-s3-proxy/runtime
COPY ${IMAGE}/lib /opt/delta-s3-proxy/lib
COPY ${IMAGE}/bin /opt/delta-s3-proxy/bin
COPY ${IMAGE}/README.md ${IMAGE}/LICENSE ${IMAGE}/THIRD-PARTY-NOTICES /opt/delta-s3-proxy/
COPY ${IMAGE}/examples /opt/delta-s3-proxy/examples
# Relative paths in the configuration resolve against its folder; the working directory only receives what the
# JVM writes there (nothing by default).
WORKDIR /home/nonroot
# Metrics, /healthz and /readyz listen on the container's loopback unless the mounted config sets
# "metricsBindAddress": "0.0.0.0" (needed for Kubernetes probes and an in-cluster Prometheus): they name every table;
# "metricsTableLabel": false hides them.
EXPOSE 18080 9090
# No HEALTHCHECK: Docker runs it inside the container, which has no HTTP client; probe /healthz and /readyz on
# the metrics port from the orchestrator (README.md of the tarball, "Health").
ENTRYPOINT ["/opt/delta-s3-proxy/runtime/bin/java", "@/opt/delta-s3-proxy/lib/jvm.options", \
            "--module-path", "/opt/delta-s3-proxy/lib/mods", "--add-modules", "ALL-DEFAULT,ALL-MODULE-PATH", \
            "-cp", "/opt/delta-s3-proxy/lib/cp/*", \
            "-m", "proxy.app/proxy.app.Main"]
CMD ["serve", "--config", "/etc/delta-s3-proxy/config.json"]
