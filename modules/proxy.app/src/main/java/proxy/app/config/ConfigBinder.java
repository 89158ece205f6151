package proxy.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import proxy.api.config.AuditConfig;
import proxy.api.config.AuthConfig;
import proxy.api.config.ConfigException;
import proxy.api.config.ConnectionLimits;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.DeltaLogMode;
import proxy.api.config.GetMode;
import proxy.api.config.MetricsExposure;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.WriteConfig;
import proxy.api.config.TlsConfig;
import proxy.api.config.UserConfig;

/**
 * Turns the configuration tree into a validated {@link ProxyConfig}. Unknown keys and values of the wrong type
 * fail with a {@link ConfigException} naming the dotted key. Relative {@code file:} table roots, audit files and TLS
 * files resolve against the directory of config.json.
 */
public final class ConfigBinder {
    private static final Set<String> TOP_KEYS = Set.of("bindAddress", "port", "metricsPort", "bucket",
            "tableMapping", "readOnly", "getMode", "proxyPartial", "allowedPartitions", "database",
            "databaseEnabled", "defaultAuthMode", "auth", "users", "presignTtlSeconds", "metadataRefreshSeconds",
            "s3", "deltaLog", "filteredLogCacheBytes", "audit", "shutdownGraceSeconds", "tls",
            "metricsBindAddress", "metricsTableLabel", "connections", "listingTokenKeys", "listingTokenKeysFile",
            "writes");

    private static final String AUDIT_FILE = "file:";

    private final Path baseDir;
    private final SecretBindings secrets;

    /** @param baseDir the directory relative {@code file:} roots resolve against */
    public ConfigBinder(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.secrets = new SecretBindings(this.baseDir);
    }

    /** Binds the tree; defaults are those of {@link ProxyConfig#defaults}; every unknown key is an error. */
    public ProxyConfig bind(JsonNode root) {
        return bind(new ConfigNode(root, ""));
    }

    /**
     * Binds a tree read by {@link ConfigSource#load}: an unknown key set by a {@code PROXY_*} variable is a warning
     * naming the variable (given to {@code warnings}) and is ignored; one in config.json is an error.
     */
    public ProxyConfig bind(ConfigSource.Tree tree, Consumer<String> warnings) {
        return bind(new ConfigNode(tree.root(), "", new UnknownKeys(tree.variables(), warnings)));
    }

    private ProxyConfig bind(ConfigNode node) {
        node.checkKeys(TOP_KEYS);
        Map<String, URI> tables = tableMapping(node.required("tableMapping"));
        ProxyConfig defaults = ProxyConfig.defaults(tables);
        var b = defaults.toBuilder();
        node.optional("bindAddress").ifPresent(n -> b.bindAddress(n.text()));
        node.optional("port").ifPresent(n -> b.port(n.integer()));
        node.optional("metricsPort").ifPresent(n -> b.metricsPort(
                n.isNull() ? OptionalInt.empty() : OptionalInt.of(n.integer())));
        node.optional("bucket").ifPresent(n -> b.bucket(n.text()));
        node.optional("readOnly").ifPresent(n -> b.readOnly(n.bool()));
        node.optional("getMode").ifPresent(n -> b.getMode(GetMode.fromConfig(n.text())));
        node.optional("proxyPartial").ifPresent(n -> b.proxyPartial(n.bool()));
        node.optional("allowedPartitions").ifPresent(n -> b.allowedPartitions(grants(n)));
        b.database(node.optional("database").map(this::database).orElseGet(() -> resolved(DatabaseConfig.DEFAULT)));
        node.optional("databaseEnabled").ifPresent(n -> b.databaseEnabled(n.bool()));
        node.optional("defaultAuthMode").ifPresent(n -> b.defaultAuthMode(n.text()));
        node.optional("auth").ifPresent(n -> b.auth(auth(n)));
        node.optional("users").ifPresent(n -> b.users(users(n)));
        node.optional("presignTtlSeconds").ifPresent(n -> b.presignTtlSeconds(n.integer()));
        node.optional("metadataRefreshSeconds").ifPresent(n -> b.metadataRefreshSeconds(n.integer()));
        node.optional("s3").ifPresent(n -> b.s3(s3(n)));
        node.optional("deltaLog").ifPresent(n -> b.deltaLog(DeltaLogMode.fromConfig(n.text())));
        node.optional("filteredLogCacheBytes").ifPresent(n -> b.filteredLogCacheBytes(n.longInteger()));
        node.optional("audit").ifPresent(n -> b.audit(audit(n)));
        node.optional("shutdownGraceSeconds").ifPresent(n -> b.shutdownGraceSeconds(n.integer()));
        node.optional("tls").filter(n -> !n.isNull()).ifPresent(n -> b.tls(Optional.of(tls(n))));
        b.metricsExposure(metricsExposure(node));
        node.optional("connections").ifPresent(n -> b.connections(connections(n)));
        b.listingTokenKeys(secrets.listingTokenKeys(node));
        node.optional("writes").ifPresent(n -> b.writes(writes(n)));
        return b.build();
    }

    private Map<String, URI> tableMapping(ConfigNode node) {
        var tables = new LinkedHashMap<String, URI>();
        node.fields().forEach((alias, value) -> tables.put(alias, tableRoot(value)));
        return tables;
    }

    private URI tableRoot(ConfigNode node) {
        String text = node.text();
        try {
            URI uri = new URI(text);
            if ("file".equals(uri.getScheme()) && (uri.isOpaque() || !uri.getPath().startsWith("/"))) {
                String relative = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
                return baseDir.resolve(relative).normalize().toUri();
            }
            if (uri.getScheme() == null) {
                throw new ConfigException(node.key(), "must be a URI such as s3://bucket/prefix or file:/path");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(node.key(), "is not a valid URI: " + e.getReason());
        }
    }

    /** {@code {"destination": ...}} or just the destination; a relative {@code file:} path resolves like roots. */
    private AuditConfig audit(ConfigNode node) {
        ConfigNode destination = node;
        if (!node.isText()) {
            node.checkKeys(Set.of("destination"));
            Optional<ConfigNode> given = node.optional("destination");
            if (given.isEmpty()) {
                return AuditConfig.DEFAULT;
            }
            destination = given.get();
        }
        String text = destination.text();
        String path = text.startsWith(AUDIT_FILE) ? text.substring(AUDIT_FILE.length()) : "";
        if (!path.isEmpty() && !path.startsWith("/")) {
            text = AUDIT_FILE + baseDir.resolve(path).normalize();
        }
        return new AuditConfig(text);
    }

    private static Map<String, List<PartitionSpec>> grants(ConfigNode node) {
        var grants = new LinkedHashMap<String, List<PartitionSpec>>();
        node.fields().forEach((alias, list) -> {
            var specs = new ArrayList<PartitionSpec>();
            for (ConfigNode spec : list.elements()) {
                var values = new LinkedHashMap<String, String>();
                spec.fields().forEach((column, value) -> values.put(column, value.isNull() ? null : value.scalar()));
                specs.add(new PartitionSpec(values));
            }
            grants.put(alias, specs);
        });
        return grants;
    }

    /**
     * {@code {"uri", "refreshSeconds", "secretsKey", "secretsKeyFile", "user", "password", "passwordFile"}} (the
     * PostgreSQL login: {@link SecretBindings}) or just the URI. A relative SQLite path
     * resolves against the config file's folder, like every relative path; {@code secretsKeyFile} too, and the key
     * is read from it here. {@code secretsKey} normally comes from {@code PROXY_SECRETS_KEY}.
     */
    private DatabaseConfig database(ConfigNode node) {
        if (node.isText()) {
            return resolved(new DatabaseConfig(node.text(), DatabaseConfig.DEFAULT.refreshSeconds()));
        }
        node.checkKeys(Set.of("uri", "refreshSeconds", "secretsKey", "secretsKeyFile", "user", "password",
                "passwordFile"));
        Optional<ConfigNode> key = node.optional("secretsKey").filter(n -> !n.isNull());
        Optional<ConfigNode> keyFile = node.optional("secretsKeyFile").filter(n -> !n.isNull());
        if (key.isPresent() && keyFile.isPresent()) {
            throw new ConfigException("database.secretsKeyFile", "give the secrets key either in a file or in"
                    + " PROXY_SECRETS_KEY, not both");
        }
        Optional<Secret> secret = key.map(n -> new Secret(n.text())).or(() -> keyFile.map(this::readKeyFile));
        return secrets.login(node, resolved(new DatabaseConfig(
                node.optional("uri").map(ConfigNode::text).orElse(DatabaseConfig.DEFAULT.uri()),
                node.optional("refreshSeconds").map(ConfigNode::integer).orElse(DatabaseConfig.DEFAULT.refreshSeconds()),
                secret)));
    }

    private Secret readKeyFile(ConfigNode node) {
        Path file = baseDir.resolve(node.text()).normalize();
        try {
            var secret = new Secret(Files.readString(file).strip());
            DatabaseConfig.decodeKey(secret, node.key() + " (" + file + ")");
            return secret;
        } catch (IOException e) {
            throw new ConfigException(node.key(), "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The database with a relative SQLite file path resolved against the config file's folder. */
    private DatabaseConfig resolved(DatabaseConfig database) {
        String uri = database.uri();
        if (database.postgres()) {
            return database;
        }
        String prefix = uri.startsWith("jdbc:sqlite:") ? "jdbc:sqlite:" : "sqlite:";
        String path = uri.substring(prefix.length());
        if (path.isEmpty() || path.startsWith("/") || path.startsWith(":") || path.startsWith("file:")) {
            return database;
        }
        return new DatabaseConfig(prefix + baseDir.resolve(path).normalize(), database.refreshSeconds(),
                database.secretsKey());
    }

    private static AuthConfig auth(ConfigNode node) {
        node.checkKeys(Set.of("mode", "region"));
        return new AuthConfig(
                node.optional("mode").map(ConfigNode::text).orElse(AuthConfig.DEFAULT.mode()),
                node.optional("region").map(ConfigNode::text).orElse(AuthConfig.DEFAULT.region()));
    }

    private static List<UserConfig> users(ConfigNode node) {
        var users = new ArrayList<UserConfig>();
        for (ConfigNode user : node.elements()) {
            user.checkKeys(Set.of("name", "accessKey", "secretKey", "grants", "writeGrants"));
            users.add(new UserConfig(
                    user.required("name").text(),
                    user.required("accessKey").text(),
                    new Secret(user.required("secretKey").text()),
                    user.optional("grants").map(ConfigBinder::grants).orElse(Map.of()),
                    user.optional("writeGrants").map(ConfigBinder::grants).orElse(Map.of())));
        }
        return users;
    }

    /** {@code {provenanceKey, maxObjectBytes, maxCommitBytes}}; the key normally comes from the environment. */
    private static WriteConfig writes(ConfigNode node) {
        node.checkKeys(Set.of("provenanceKey", "maxObjectBytes", "maxCommitBytes"));
        WriteConfig d = WriteConfig.DEFAULT;
        return new WriteConfig(
                node.optional("provenanceKey").filter(n -> !n.isNull()).map(n -> new Secret(n.text())),
                node.optional("maxObjectBytes").map(ConfigNode::longInteger).orElse(d.maxObjectBytes()),
                node.optional("maxCommitBytes").map(ConfigNode::longInteger).orElse(d.maxCommitBytes()));
    }

    /**
     * {@code {certificate, privateKey}} or {@code {keystore, keystorePassword | keystorePasswordFile}}, plus
     * {@code reloadSeconds} and {@code metrics}. A password file is read here (trailing line break dropped).
     */
    private TlsConfig tls(ConfigNode node) {
        node.checkKeys(Set.of("certificate", "privateKey", "keystore", "keystorePassword", "keystorePasswordFile",
                "reloadSeconds", "metrics"));
        Optional<ConfigNode> password = node.optional("keystorePassword").filter(n -> !n.isNull());
        Optional<ConfigNode> passwordFile = node.optional("keystorePasswordFile").filter(n -> !n.isNull());
        if (password.isPresent() && passwordFile.isPresent()) {
            throw new ConfigException("tls.keystorePasswordFile", "give either keystorePassword or this, not both");
        }
        Optional<Secret> secret = password.map(n -> new Secret(n.text()))
                .or(() -> passwordFile.map(n -> readSecret(n.key(), file(n))));
        return new TlsConfig(node.optional("certificate").map(this::file), node.optional("privateKey").map(this::file),
                node.optional("keystore").map(this::file), secret,
                node.optional("reloadSeconds").map(ConfigNode::integer).orElse(TlsConfig.DEFAULT_RELOAD_SECONDS),
                node.optional("metrics").map(ConfigNode::bool).orElse(false));
    }

    private Path file(ConfigNode node) {
        try {
            return baseDir.resolve(node.text()).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(node.key(), "is not a valid path");
        }
    }

    private static Secret readSecret(String key, Path file) {
        try {
            return new Secret(Files.readString(file).stripTrailing());
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code metricsBindAddress} and {@code metricsTableLabel}: two top-level keys, one record. */
    private static MetricsExposure metricsExposure(ConfigNode root) {
        var defaults = MetricsExposure.DEFAULT;
        return new MetricsExposure(
                root.optional("metricsBindAddress").map(ConfigNode::text).orElse(defaults.bindAddress()),
                root.optional("metricsTableLabel").map(ConfigNode::bool).orElse(defaults.tableLabel()));
    }

    private static ConnectionLimits connections(ConfigNode node) {
        node.checkKeys(Set.of("maxPerAddress", "firstByteTimeoutSeconds", "max", "guard"));
        var defaults = ConnectionLimits.DEFAULT;
        return new ConnectionLimits(
                node.optional("maxPerAddress").map(ConfigNode::integer).orElse(defaults.maxPerAddress()),
                node.optional("firstByteTimeoutSeconds").map(ConfigNode::integer)
                        .orElse(defaults.firstByteTimeoutSeconds()),
                node.optional("max").map(ConfigNode::integer).orElse(defaults.max()),
                node.optional("guard").map(ConfigNode::bool).orElse(defaults.guard()));
    }

    private static S3BackendConfig s3(ConfigNode node) {
        node.checkKeys(Set.of("endpoint", "region", "pathStyle", "readTimeoutSeconds"));
        var endpoint = node.optional("endpoint").filter(n -> !n.isNull()).map(n -> {
            try {
                return new URI(n.text());
            } catch (URISyntaxException e) {
                throw new ConfigException(n.key(), "is not a valid URI: " + e.getReason());
            }
        });
        return new S3BackendConfig(endpoint,
                node.optional("region").map(ConfigNode::text).orElse(S3BackendConfig.DEFAULT.region()),
                node.optional("pathStyle").map(ConfigNode::bool).orElse(endpoint.isPresent()),
                node.optional("readTimeoutSeconds").map(ConfigNode::integer)
                        .orElse(S3BackendConfig.DEFAULT_READ_TIMEOUT_SECONDS));
    }
}
