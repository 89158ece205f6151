package proxy.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import proxy.api.config.ConfigException;
import proxy.api.config.DeltaLogMode;
import proxy.api.config.GetMode;
import proxy.api.config.ProxyConfig;

class ConfigBinderTest {
    @TempDir
    Path dir;

    private ProxyConfig load(String json, Map<String, String> env) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigBinder(dir).bind(new ConfigSource().read(file, true, env));
    }

    private ConfigException failure(String json, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(json, env));
    }

    @Test
    void minimalConfigGetsTheSpecDefaults() throws IOException {
        ProxyConfig config = load("{\"tableMapping\": {\"trades\": \"s3://bucket/gold/trades\"}}", Map.of());
        assertEquals(18080, config.port());
        assertEquals(9090, config.metricsPort().getAsInt());
        assertEquals("datalake", config.bucket());
        assertTrue(config.readOnly());
        assertEquals(GetMode.AUTO, config.getMode());
        assertFalse(config.proxyPartial());
        assertEquals("sigv4", config.auth().mode());
        assertEquals("sqlite:" + dir.resolve("delta_proxy.db"), config.database().uri(), "beside config.json");
        assertFalse(config.databaseEnabled());
        assertEquals(300, config.presignTtlSeconds());
        assertEquals(URI.create("s3://bucket/gold/trades"), config.tableMapping().get("trades"));
        assertEquals("stdout", config.audit().destination());
        assertEquals(20, config.shutdownGraceSeconds());
    }

    @Test
    void deltaLogModeAndFilteredLogCacheBindFromFileAndEnvironment() throws IOException {
        String tables = "\"tableMapping\": {\"t\": \"s3://b/t\"}";
        ProxyConfig defaults = load("{" + tables + "}", Map.of());
        assertEquals(DeltaLogMode.PASSTHROUGH, defaults.deltaLog());
        assertEquals(256L << 20, defaults.filteredLogCacheBytes());
        ProxyConfig filtered = load("{" + tables + ", \"deltaLog\": \"filtered\", \"filteredLogCacheBytes\": 8589934592}",
                Map.of());
        assertEquals(DeltaLogMode.FILTERED, filtered.deltaLog());
        assertEquals(8L << 30, filtered.filteredLogCacheBytes());
        assertEquals(1L << 20, load("{" + tables + "}", Map.of("PROXY_FILTERED_LOG_CACHE_BYTES", "1048576"))
                .filteredLogCacheBytes());
    }

    @Test
    void shutdownGraceBindsFromFileAndEnvironment() throws IOException {
        String tables = "\"tableMapping\": {\"t\": \"s3://b/t\"}";
        assertEquals(0, load("{" + tables + ", \"shutdownGraceSeconds\": 0}", Map.of()).shutdownGraceSeconds());
        assertEquals(45, load("{" + tables + "}", Map.of("PROXY_SHUTDOWN_GRACE_SECONDS", "45"))
                .shutdownGraceSeconds());
    }

    @Test
    void auditDestinationBindsFromFileShorthandAndEnvironment() throws IOException {
        String tables = "\"tableMapping\": {\"t\": \"s3://b/t\"}";
        assertEquals("off", load("{" + tables + ", \"audit\": {\"destination\": \"off\"}}", Map.of())
                .audit().destination());
        assertEquals("stderr", load("{" + tables + ", \"audit\": \"stderr\"}", Map.of()).audit().destination());
        assertEquals("stdout", load("{" + tables + ", \"audit\": {}}", Map.of()).audit().destination());
        ProxyConfig fromEnv = load("{" + tables + ", \"audit\": {\"destination\": \"off\"}}",
                Map.of("PROXY_AUDIT__DESTINATION", "file:/var/log/proxy/audit.log"));
        assertEquals(Path.of("/var/log/proxy/audit.log"), fromEnv.audit().file().orElseThrow());
        ProxyConfig relative = load("{" + tables + ", \"audit\": {\"destination\": \"file:logs/audit.log\"}}",
                Map.of());
        assertEquals(dir.toAbsolutePath().normalize().resolve("logs/audit.log"), relative.audit().file().orElseThrow());
    }

    @Test
    void specExampleBindsWithGrantsAndNullPartitions() throws IOException {
        ProxyConfig config = load("""
                {"port": 8080, "tableMapping": {"trades": "s3://my-data-bucket/gold/trades"},
                 "allowedPartitions": {"trades": [{"date": "2024-01-01", "region": "US"}, {"date": null},
                                                  {"year": 2024}]}}""", Map.of());
        var specs = config.allowedPartitions().get("trades");
        assertEquals(3, specs.size());
        assertEquals("US", specs.get(0).values().get("region"));
        assertTrue(specs.get(1).values().containsKey("date"));
        assertNull(specs.get(1).values().get("date"));
        assertEquals("2024", specs.get(2).values().get("year"));
    }

    @Test
    void environmentOverridesFileAndNestedKeys() throws IOException {
        ProxyConfig config = load("{\"port\": 1, \"tableMapping\": {\"trades\": \"s3://b/t\"}}", Map.of(
                "PROXY_PORT", "28080",
                "PROXY_METRICS_PORT", "null",
                "PROXY_S3__ENDPOINT", "http://127.0.0.1:9000",
                "PROXY_GET_MODE", "proxy",
                "PROXY_TABLE_MAPPING__MY_TABLE", "s3://b/other",
                "PROXY_S3__READ_TIMEOUT_SECONDS", "7",
                "HOME", "/root"));
        assertEquals(28080, config.port());
        assertTrue(config.metricsPort().isEmpty());
        assertEquals(URI.create("http://127.0.0.1:9000"), config.s3().endpoint().orElseThrow());
        assertTrue(config.s3().pathStyle(), "an explicit endpoint defaults to path-style");
        assertEquals(7, config.s3().readTimeoutSeconds());
        assertEquals(GetMode.PROXY, config.getMode());
        assertEquals(URI.create("s3://b/other"), config.tableMapping().get("my_table"));
    }

    @Test
    void relativeFileRootsResolveAgainstTheConfigFolder() throws IOException {
        ProxyConfig config = load("{\"tableMapping\": {\"t\": \"file:tables/t\"}}", Map.of());
        assertEquals(dir.resolve("tables/t").toUri().getPath().replaceAll("/$", ""),
                config.tableMapping().get("t").getPath().replaceAll("/$", ""));
    }

    @Test
    void secretsAreMaskedWhenPrinted() throws IOException {
        ProxyConfig config = load("""
                {"tableMapping": {"t": "s3://b/t"},
                 "users": [{"name": "alice", "accessKey": "AK1", "secretKey": "s3cr3t-value"}]}""", Map.of());
        assertFalse(config.toString().contains("s3cr3t-value"));
        assertEquals("s3cr3t-value", config.users().getFirst().secretKey().reveal());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key      | {"tableMapping": {"t": "s3://b/t"}, "prot": 1}                 | prot
            unknown nested key         | {"tableMapping": {"t": "s3://b/t"}, "s3": {"endpont": "x"}}    | s3.endpont
            port of the wrong type     | {"tableMapping": {"t": "s3://b/t"}, "port": "80"}              | port
            port out of range          | {"tableMapping": {"t": "s3://b/t"}, "port": 70000}             | port
            missing tableMapping       | {"port": 80}                                                   | tableMapping
            empty tableMapping         | {"tableMapping": {}}                                           | tableMapping
            malformed table URI        | {"tableMapping": {"t": "s3://b/has space"}}                    | tableMapping.t
            alias with a slash         | {"tableMapping": {"a/b": "s3://b/t"}}                          | tableMapping.a/b
            unknown getMode            | {"tableMapping": {"t": "s3://b/t"}, "getMode": "stream"}       | getMode
            grants for unknown table   | {"tableMapping": {"t": "s3://b/t"}, "allowedPartitions": {"x": []}} | allowedPartitions.x
            readOnly not a boolean     | {"tableMapping": {"t": "s3://b/t"}, "readOnly": "yes"}         | readOnly
            forward auth mode          | {"tableMapping": {"t": "s3://b/t"}, "defaultAuthMode": "forward"} | defaultAuthMode
            malformed endpoint         | {"tableMapping": {"t": "s3://b/t"}, "s3": {"endpoint": "ftp://x"}} | s3.endpoint
            database neither sqlite nor postgresql | {"tableMapping": {"t": "s3://b/t"}, "database": "mysql://x"} | database.uri
            bad bucket name            | {"tableMapping": {"t": "s3://b/t"}, "bucket": "Data_Lake"}     | bucket
            unknown audit destination  | {"tableMapping": {"t": "s3://b/t"}, "audit": {"destination": "syslog"}} | audit.destination
            empty audit file           | {"tableMapping": {"t": "s3://b/t"}, "audit": {"destination": "file:"}} | audit.destination
            unknown audit key          | {"tableMapping": {"t": "s3://b/t"}, "audit": {"dest": "off"}}  | audit.dest
            audit not text             | {"tableMapping": {"t": "s3://b/t"}, "audit": {"destination": 1}} | audit.destination
            negative shutdown grace    | {"tableMapping": {"t": "s3://b/t"}, "shutdownGraceSeconds": -1} | shutdownGraceSeconds
            shutdown grace over 1 hour | {"tableMapping": {"t": "s3://b/t"}, "shutdownGraceSeconds": 3601} | shutdownGraceSeconds
            shutdown grace as text     | {"tableMapping": {"t": "s3://b/t"}, "shutdownGraceSeconds": "5"} | shutdownGraceSeconds
            unknown deltaLog mode      | {"tableMapping": {"t": "s3://b/t"}, "deltaLog": "redacted"}    | deltaLog
            filtered log cache tiny    | {"tableMapping": {"t": "s3://b/t"}, "filteredLogCacheBytes": 1024} | filteredLogCacheBytes
            filtered log cache as text | {"tableMapping": {"t": "s3://b/t"}, "filteredLogCacheBytes": "1G"} | filteredLogCacheBytes
            user without secret       | {"tableMapping": {"t": "s3://b/t"}, "users": [{"name": "a", "accessKey": "k"}]} | users[0].secretKey
            """)
    void invalidConfigurationNamesTheKey(String why, String json, String key) {
        assertEquals(key, failure(json, Map.of()).key(), why);
    }

    @Test
    void unknownEnvironmentVariableIsAWarningNamingItAndTheRunContinues() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"tableMapping\": {\"t\": \"s3://b/t\"}}");
        var warnings = new java.util.ArrayList<String>();
        ProxyConfig config = new ConfigBinder(dir).bind(new ConfigSource().load(file, true, Map.of(
                "PROXY_BIN", "/opt/proxy/bin", "PROXY_PROT", "1", "PROXY_S3__ENDPONT", "http://x",
                "PROXY_NONSENSE__DEEP", "1", "PROXY_PORT", "28080")), warnings::add);
        assertEquals(28080, config.port());
        assertTrue(config.s3().endpoint().isEmpty());
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.contains("ignoring environment variable PROXY_BIN: 'bin' is not a configuration key"),
                warnings.toString());
        assertTrue(warnings.contains("ignoring environment variable PROXY_PROT: 'prot' is not a configuration key"
                + " (did you mean PROXY_PORT?)"), warnings.toString());
        assertTrue(warnings.contains("ignoring environment variable PROXY_S3__ENDPONT: 's3.endpont' is not a"
                + " configuration key (did you mean PROXY_S3__ENDPOINT?)"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("ignoring environment variable PROXY_NONSENSE__DEEP:"
                + " 'nonsense' is not")), warnings.toString());
    }

    @Test
    void environmentValuesOfKnownKeysAreStillChecked() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"tableMapping\": {\"t\": \"s3://b/t\"}}");
        var source = new ConfigSource().load(file, true, Map.of("PROXY_PORT", "eighty"));
        assertEquals("port", assertThrows(ConfigException.class,
                () -> new ConfigBinder(dir).bind(source, w -> { })).key());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            prot                  | {"tableMapping": {"t": "s3://b/t"}, "prot": 1}                  | prot: unknown key (did you mean 'port'?)
            metricPort            | {"tableMapping": {"t": "s3://b/t"}, "metricPort": 1}            | metricPort: unknown key (did you mean 'metricsPort'?)
            GetMode               | {"tableMapping": {"t": "s3://b/t"}, "GetMode": "proxy"}         | GetMode: unknown key (did you mean 'getMode'?)
            s3.endpont            | {"tableMapping": {"t": "s3://b/t"}, "s3": {"endpont": "x"}}     | s3.endpont: unknown key (did you mean 'endpoint'?)
            users[0].secret       | {"tableMapping": {"t": "s3://b/t"}, "users": [{"name": "a", "accessKey": "k", "secret": "s"}]} | users[0].secret: unknown key (did you mean 'secretKey'?)
            nothing near          | {"tableMapping": {"t": "s3://b/t"}, "colour": 1}                | colour: unknown key
            """)
    void unknownKeyInTheFileIsAnErrorSuggestingTheNearestKnownKey(String why, String json, String message) {
        assertEquals(message, failure(json, Map.of()).getMessage(), why);
    }

    @Test
    void duplicateUsersAndDuplicateJsonKeysFail() {
        failure("""
                {"tableMapping": {"t": "s3://b/t"}, "users": [
                  {"name": "a", "accessKey": "K", "secretKey": "s"}, {"name": "b", "accessKey": "K", "secretKey": "s"}]}""",
                Map.of());
        ConfigException e = failure("{\"tableMapping\": {\"t\": \"s3://b/t\"}, \"port\": 1, \"port\": 2}", Map.of());
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    }

    @Test
    void databasePathAndSecretsKeyFileResolveAgainstTheConfigFolder() throws IOException {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Files.writeString(dir.resolve("secrets.key"), key + "\n");
        ProxyConfig config = load("""
                {"tableMapping": {"t": "s3://b/t"},
                 "database": {"uri": "sqlite:state/grants.db", "secretsKeyFile": "secrets.key"}}""", Map.of());
        assertEquals("sqlite:" + dir.resolve("state/grants.db"), config.database().uri());
        assertEquals(key, config.database().secretsKey().orElseThrow().reveal());
        assertEquals("jdbc:sqlite:/abs/g.db", load("""
                {"tableMapping": {"t": "s3://b/t"}, "database": "jdbc:sqlite:/abs/g.db"}""", Map.of())
                .database().uri());
    }

    @Test
    void secretsKeyComesFromProxySecretsKeyKeepingAShorthandDatabaseUri() throws IOException {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        ProxyConfig config = load("{\"tableMapping\": {\"t\": \"s3://b/t\"}, \"database\": \"sqlite:/x/g.db\"}",
                Map.of("PROXY_SECRETS_KEY", key));
        assertEquals("sqlite:/x/g.db", config.database().uri());
        assertEquals(key, config.database().secretsKey().orElseThrow().reveal());
        assertFalse(config.database().toString().contains(key), "masked when printed");
    }

    @Test
    void badSecretsKeysAreRefusedWithoutShowingThem() throws IOException {
        String tables = "\"tableMapping\": {\"t\": \"s3://b/t\"}";
        ConfigException shortKey = failure("{" + tables + "}", Map.of("PROXY_SECRETS_KEY", "c2hvcnQta2V5"));
        assertEquals("database.secretsKey", shortKey.key());
        assertFalse(shortKey.getMessage().contains("c2hvcnQta2V5"), shortKey.getMessage());
        assertEquals("database.secretsKeyFile", failure("{" + tables + ", \"database\": {\"secretsKeyFile\": \"no.key\"}}",
                Map.of()).key());
        Files.writeString(dir.resolve("k"), java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertEquals("database.secretsKeyFile", failure("{" + tables + ", \"database\": {\"secretsKeyFile\": \"k\"}}",
                Map.of("PROXY_SECRETS_KEY", "x")).key());
    }

    /** Issue 14: a config user named {@code *} would receive every grant given to everyone. */
    @Test
    void reservedAndInvalidUserNamesAreRefused() {
        for (String name : new String[] {"*", "anonymous", "readiness-probe", " ", "a/b"}) {
            ConfigException e = failure("""
                    {"tableMapping": {"t": "s3://b/t"},
                     "users": [{"name": "%s", "accessKey": "AK", "secretKey": "s"}]}""".formatted(name), Map.of());
            assertEquals("users[" + name + "].name", e.key(), name);
        }
    }
}
