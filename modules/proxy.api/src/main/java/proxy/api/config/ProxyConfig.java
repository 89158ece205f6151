package proxy.api.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The whole, validated configuration. Built once at startup (config.json, then {@code PROXY_*} variables, then
 * flags) and passed down; never mutated. Every invalid value fails in this constructor or a nested record's
 * with a {@link ConfigException} naming the key.
 *
 * @param bindAddress            the address the S3 endpoint listens on
 * @param port                   the S3 endpoint's port; 0 picks a free one
 * @param metricsPort            the metrics and health port; empty for none
 * @param bucket                 the one virtual bucket's name
 * @param tableMapping           table alias to table root ({@code s3://bucket/prefix} or {@code file:/path}),
 *                               in alias order
 * @param readOnly               whether writes are refused with 405
 * @param getMode                how GETs of data files are answered
 * @param proxyPartial           whether ranged GETs are streamed even in presigned mode
 * @param allowedPartitions      grants for every authenticated principal, by table alias
 * @param database               the database of principals, keys and grants (SQLite or PostgreSQL)
 * @param databaseEnabled        whether grants and credentials are also read from the database
 * @param defaultAuthMode        how backend calls are authenticated; only {@code iam} is supported
 * @param auth                   how clients are authenticated
 * @param users                  principals defined in config
 * @param presignTtlSeconds      lifetime of presigned backend URLs
 * @param metadataRefreshSeconds how often each table's Delta log is polled for new commits
 * @param s3                     how the {@code s3} store reaches the backend
 * @param deltaLog               how {@code _delta_log} objects are served
 * @param audit                  where the audit log goes
 * @param shutdownGraceSeconds   how long a stop (SIGTERM) lets in-flight requests finish before their connections
 *                               are closed; 0 closes them at once
 * @param tls                    HTTPS for the S3 endpoint (and optionally the metrics server); empty for plain HTTP
 * @param metricsExposure        where the metrics server listens and whether its series name tables
 * @param connections            what one client address can hold of the S3 endpoint's connections
 * @param filteredLogCacheBytes  the bound, in bytes, of the cache of filtered {@code _delta_log} objects
 *                               ({@code deltaLog: filtered}); at least 1 MiB
 * @param listingTokenKeys       the keys listing continuation tokens are sealed with, so that every replica opens
 *                               every other's tokens: the first seals, all open (see {@link ListingTokenKeys});
 *                               empty for a random key per process
 */
public record ProxyConfig(
        String bindAddress,
        int port,
        OptionalInt metricsPort,
        String bucket,
        Map<String, URI> tableMapping,
        boolean readOnly,
        GetMode getMode,
        boolean proxyPartial,
        Map<String, List<PartitionSpec>> allowedPartitions,
        DatabaseConfig database,
        boolean databaseEnabled,
        String defaultAuthMode,
        AuthConfig auth,
        List<UserConfig> users,
        int presignTtlSeconds,
        int metadataRefreshSeconds,
        S3BackendConfig s3,
        DeltaLogMode deltaLog,
        AuditConfig audit,
        int shutdownGraceSeconds,
        Optional<TlsConfig> tls,
        MetricsExposure metricsExposure,
        ConnectionLimits connections,
        long filteredLogCacheBytes,
        List<Secret> listingTokenKeys) {

    /** The default of {@code filteredLogCacheBytes}: 256 MiB. */
    public static final long DEFAULT_FILTERED_LOG_CACHE_BYTES = 256L << 20;

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ProxyConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(metricsPort, "metricsPort");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(getMode, "getMode");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(defaultAuthMode, "defaultAuthMode");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(deltaLog, "deltaLog");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(metricsExposure, "metricsExposure");
        Objects.requireNonNull(connections, "connections");
        listingTokenKeys = ListingTokenKeys.valid(listingTokenKeys);
        checkPort("port", port);
        metricsPort.ifPresent(p -> checkPort("metricsPort", p));
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new ConfigException("bucket", "is not a valid S3 bucket name");
        }
        tableMapping = validTableMapping(tableMapping);
        allowedPartitions = validGrants("allowedPartitions", allowedPartitions, tableMapping);
        users = List.copyOf(users);
        checkUsers(users, tableMapping);
        if (!"iam".equals(defaultAuthMode)) {
            throw new ConfigException("defaultAuthMode", "only 'iam' is supported: the proxy signs backend calls"
                    + " with its own credentials and never forwards a client's signature");
        }
        if (presignTtlSeconds < 1 || presignTtlSeconds > 604_800) {
            throw new ConfigException("presignTtlSeconds", "must be between 1 and 604800 (7 days)");
        }
        if (metadataRefreshSeconds < 1 || metadataRefreshSeconds > 86_400) {
            throw new ConfigException("metadataRefreshSeconds", "must be between 1 and 86400");
        }
        if (shutdownGraceSeconds < 0 || shutdownGraceSeconds > 3_600) {
            throw new ConfigException("shutdownGraceSeconds", "must be between 0 and 3600");
        }
        if (filteredLogCacheBytes < (1L << 20)) {
            throw new ConfigException("filteredLogCacheBytes", "must be at least 1048576 (1 MiB)");
        }
    }

    /** A configuration with every default of DESIGN.md section 7 and the given tables. */
    public static ProxyConfig defaults(Map<String, URI> tableMapping) {
        return new ProxyConfig("0.0.0.0", 18080, OptionalInt.of(9090), "datalake", tableMapping, true,
                GetMode.AUTO, false, Map.of(), DatabaseConfig.DEFAULT, false, "iam", AuthConfig.DEFAULT,
                List.of(), 300, 30, S3BackendConfig.DEFAULT, DeltaLogMode.PASSTHROUGH, AuditConfig.DEFAULT, 20,
                Optional.empty(), MetricsExposure.DEFAULT, ConnectionLimits.DEFAULT,
                DEFAULT_FILTERED_LOG_CACHE_BYTES, List.of());
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

        private Builder(ProxyConfig c) {
            bindAddress = c.bindAddress;
            port = c.port;
            metricsPort = c.metricsPort;
            bucket = c.bucket;
            tableMapping = c.tableMapping;
            readOnly = c.readOnly;
            getMode = c.getMode;
            proxyPartial = c.proxyPartial;
            allowedPartitions = c.allowedPartitions;
            database = c.database;
            databaseEnabled = c.databaseEnabled;
            defaultAuthMode = c.defaultAuthMode;
            auth = c.auth;
            users = c.users;
            presignTtlSeconds = c.presignTtlSeconds;
            metadataRefreshSeconds = c.metadataRefreshSeconds;
            s3 = c.s3;
            deltaLog = c.deltaLog;
            audit = c.audit;
            shutdownGraceSeconds = c.shutdownGraceSeconds;
            tls = c.tls;
            metricsExposure = c.metricsExposure;
            connections = c.connections;
            filteredLogCacheBytes = c.filteredLogCacheBytes;
            listingTokenKeys = c.listingTokenKeys;
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

        /** The validated configuration. */
        public ProxyConfig build() {
            return new ProxyConfig(bindAddress, port, metricsPort, bucket, tableMapping, readOnly, getMode,
                    proxyPartial, allowedPartitions, database, databaseEnabled, defaultAuthMode, auth, users,
                    presignTtlSeconds, metadataRefreshSeconds, s3, deltaLog, audit, shutdownGraceSeconds, tls,
                    metricsExposure, connections, filteredLogCacheBytes, listingTokenKeys);
        }
    }

    private static void checkPort(String key, int port) {
        if (port < 0 || port > 65_535) {
            throw new ConfigException(key, "must be between 0 and 65535");
        }
    }

    private static Map<String, URI> validTableMapping(Map<String, URI> mapping) {
        Objects.requireNonNull(mapping, "tableMapping");
        if (mapping.isEmpty()) {
            throw new ConfigException("tableMapping", "is required and must name at least one table");
        }
        var sorted = new LinkedHashMap<String, URI>();
        mapping.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String key = "tableMapping." + e.getKey();
            if (!ALIAS.matcher(e.getKey()).matches() || e.getKey().equals("..")) {
                throw new ConfigException(key, "an alias is 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'");
            }
            URI uri = Objects.requireNonNull(e.getValue(), key);
            if (uri.getScheme() == null || !uri.isAbsolute() || uri.isOpaque()) {
                throw new ConfigException(key, "must be an absolute URI such as s3://bucket/prefix or file:/path");
            }
            sorted.put(e.getKey(), uri);
        });
        return Collections.unmodifiableMap(sorted);
    }

    private static Map<String, List<PartitionSpec>> validGrants(
            String key, Map<String, List<PartitionSpec>> grants, Map<String, URI> tables) {
        Objects.requireNonNull(grants, key);
        var copy = new LinkedHashMap<String, List<PartitionSpec>>();
        grants.forEach((alias, specs) -> {
            if (!tables.containsKey(alias)) {
                throw new ConfigException(key + "." + alias, "names a table that is not in tableMapping");
            }
            copy.put(alias, List.copyOf(specs));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void checkUsers(List<UserConfig> users, Map<String, URI> tables) {
        var keys = new java.util.HashSet<String>();
        var names = new java.util.HashSet<String>();
        for (UserConfig user : users) {
            if (!keys.add(user.accessKey())) {
                throw new ConfigException("users[" + user.name() + "].accessKey", "is used by another user");
            }
            if (!names.add(user.name())) {
                throw new ConfigException("users[" + user.name() + "].name", "is used by another user");
            }
            validGrants("users[" + user.name() + "].grants", user.grants(), tables);
        }
    }
}
