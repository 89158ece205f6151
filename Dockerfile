# A distroless image of delta-s3-proxy, built from the same layout as the tarball:
#   ./mvnw -DskipTests package && docker build -t delta-s3-proxy .
# The jlinked runtime needs only glibc, so distroless/base (no shell, no package manager) is enough; the
# entrypoint is the launcher's java command spelled out (distroless has no /bin/sh to run the launcher).
FROM gcr.io/distroless/base-debian12:nonroot
ARG VERSION=0.1.0
COPY --chown=nonroot:nonroot jlink/target/image/delta-s3-proxy-${VERSION} /opt/delta-s3-proxy
WORKDIR /opt/delta-s3-proxy
ENV PROXY_BIND_ADDRESS=0.0.0.0
# Metrics, /healthz and /readyz stay on the container's loopback unless PROXY_METRICS_BIND_ADDRESS is set (0.0.0.0 for
# Kubernetes probes and an in-cluster Prometheus): they name every table. PROXY_METRICS_TABLE_LABEL=false hides them.
EXPOSE 18080 9090
ENTRYPOINT ["/opt/delta-s3-proxy/runtime/bin/java", "@/opt/delta-s3-proxy/lib/jvm.options", \
            "--module-path", "/opt/delta-s3-proxy/lib/mods", "--add-modules", "ALL-DEFAULT,ALL-MODULE-PATH", \
            "-cp", "/opt/delta-s3-proxy/lib/cp/*", \
            "-m", "proxy.app/proxy.app.Main"]
CMD ["serve", "--config", "/opt/delta-s3-proxy/config.json"]
