package proxy.api.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The whole, validated configuration, in groups that each validate themselves. Built once at startup (config.json,
 * then {@code PROXY_*} variables, then flags) and passed down; never mutated. Every invalid value fails in a
 * group's constructor (or, for grants naming tables, in this one) with a {@link ConfigException} naming the key.
 * The configuration file's keys stay flat (SPECIFICATION); the {@link Builder} takes them by their key names.
 *
 * @param server  the S3 endpoint: address, port, bucket, TLS, connection limits, stop, listing-token keys
 * @param metrics the metrics and health server
 * @param tables  the tables and how their Delta logs are read and served
 * @param backend how the backend is reached and data-file GETs answered
 * @param access  authentication, principals, grants, the policy database, read-only and writes
 * @param audit   where the audit log goes
 */
public record ProxyConfig(
        ServerConfig server,
        MetricsConfig metrics,
        TablesConfig tables,
        BackendConfig backend,
        AccessConfig access,
        AuditConfig audit) {

    /** The default of {@code filteredLogCacheBytes}: 256 MiB. */
    public static final long DEFAULT_FILTERED_LOG_CACHE_BYTES = TablesConfig.DEFAULT_FILTERED_LOG_CACHE_BYTES;

    public ProxyConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(audit, "audit");
        access.checkTables(tables.mapping());
    }

    /** A configuration with every default of DESIGN.md section 7 and the given tables. */
    public static ProxyConfig defaults(Map<String, URI> tableMapping) {
        return new ProxyConfig(
                new ServerConfig("0.0.0.0", 18080, "datalake", Optional.empty(), ConnectionLimits.DEFAULT, 20,
                        List.of()),
                new MetricsConfig(OptionalInt.of(9090), MetricsExposure.DEFAULT),
                new TablesConfig(tableMapping, 30, DeltaLogMode.FILTERED, DEFAULT_FILTERED_LOG_CACHE_BYTES),
                new BackendConfig(S3BackendConfig.DEFAULT, "iam", GetMode.AUTO, false, 300),
                new AccessConfig(AuthConfig.DEFAULT, List.of(), Map.of(), DatabaseConfig.DEFAULT, false, true,
                        WriteConfig.DEFAULT),
                AuditConfig.DEFAULT);
    }

    /** A builder that starts from this configuration; for variations in tests and flag overrides. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable staging for a {@link ProxyConfig}; {@link #build()} validates. */
    public static final class Builder {
        private String bindAddress;
        private int port;
        private OptionalInt metricsPort;
        private String bucket;
        private Map<String, URI> tableMapping;
        private boolean readOnly;
        private GetMode getMode;
        private boolean proxyPartial;
        private Map<String, List<PartitionSpec>> allowedPartitions;
        private DatabaseConfig database;
        private boolean databaseEnabled;
        private String defaultAuthMode;
        private AuthConfig auth;
        private List<UserConfig> users;
        private int presignTtlSeconds;
        private int metadataRefreshSeconds;
        private S3BackendConfig s3;
        private DeltaLogMode deltaLog;
        private AuditConfig audit;
        private int shutdownGraceSeconds;
        private Optional<TlsConfig> tls;
        private MetricsExposure metricsExposure;
        private ConnectionLimits connections;
        private long filteredLogCacheBytes;
        private List<Secret> listingTokenKeys;
        private WriteConfig writes;

        private Builder(ProxyConfig c) {
            bindAddress = c.server.bindAddress();
            port = c.server.port();
            bucket = c.server.bucket();
            tls = c.server.tls();
            connections = c.server.connections();
            shutdownGraceSeconds = c.server.shutdownGraceSeconds();
            listingTokenKeys = c.server.listingTokenKeys();
            metricsPort = c.metrics.port();
            metricsExposure = c.metrics.exposure();
            tableMapping = c.tables.mapping();
            metadataRefreshSeconds = c.tables.metadataRefreshSeconds();
            deltaLog = c.tables.deltaLog();
            filteredLogCacheBytes = c.tables.filteredLogCacheBytes();
            s3 = c.backend.s3();
            defaultAuthMode = c.backend.defaultAuthMode();
            getMode = c.backend.getMode();
            proxyPartial = c.backend.proxyPartial();
            presignTtlSeconds = c.backend.presignTtlSeconds();
            auth = c.access.auth();
            users = c.access.users();
            allowedPartitions = c.access.allowedPartitions();
            database = c.access.database();
            databaseEnabled = c.access.databaseEnabled();
            readOnly = c.access.readOnly();
            writes = c.access.writes();
            audit = c.audit;
        }

        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder metricsPort(OptionalInt v) { metricsPort = v; return this; }
        public Builder bucket(String v) { bucket = v; return this; }
        public Builder tableMapping(Map<String, URI> v) { tableMapping = v; return this; }
        public Builder readOnly(boolean v) { readOnly = v; return this; }
        public Builder getMode(GetMode v) { getMode = v; return this; }
        public Builder proxyPartial(boolean v) { proxyPartial = v; return this; }
        public Builder allowedPartitions(Map<String, List<PartitionSpec>> v) { allowedPartitions = v; return this; }
        public Builder database(DatabaseConfig v) { database = v; return this; }
        public Builder databaseEnabled(boolean v) { databaseEnabled = v; return this; }
        public Builder defaultAuthMode(String v) { defaultAuthMode = v; return this; }
        public Builder auth(AuthConfig v) { auth = v; return this; }
        public Builder users(List<UserConfig> v) { users = v; return this; }
        public Builder presignTtlSeconds(int v) { presignTtlSeconds = v; return this; }
        public Builder metadataRefreshSeconds(int v) { metadataRefreshSeconds = v; return this; }
        public Builder s3(S3BackendConfig v) { s3 = v; return this; }
        public Builder deltaLog(DeltaLogMode v) { deltaLog = v; return this; }
        public Builder audit(AuditConfig v) { audit = v; return this; }
        public Builder shutdownGraceSeconds(int v) { shutdownGraceSeconds = v; return this; }
        public Builder tls(Optional<TlsConfig> v) { tls = v; return this; }
        public Builder metricsExposure(MetricsExposure v) { metricsExposure = v; return this; }
        public Builder connections(ConnectionLimits v) { connections = v; return this; }
        public Builder filteredLogCacheBytes(long v) { filteredLogCacheBytes = v; return this; }
        public Builder listingTokenKeys(List<Secret> v) { listingTokenKeys = v; return this; }
        public Builder writes(WriteConfig v) { writes = v; return this; }

        /** The validated configuration. */
        public ProxyConfig build() {
            return new ProxyConfig(
                    new ServerConfig(bindAddress, port, bucket, tls, connections, shutdownGraceSeconds,
                            listingTokenKeys),
                    new MetricsConfig(metricsPort, metricsExposure),
                    new TablesConfig(tableMapping, metadataRefreshSeconds, deltaLog, filteredLogCacheBytes),
                    new BackendConfig(s3, defaultAuthMode, getMode, proxyPartial, presignTtlSeconds),
                    new AccessConfig(auth, users, allowedPartitions, database, databaseEnabled, readOnly, writes),
                    audit);
        }
    }
}
