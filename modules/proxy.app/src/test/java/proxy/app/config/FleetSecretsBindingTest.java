package proxy.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;

/**
 * The configuration of a fleet: a PostgreSQL {@code database.uri} without credentials in it, its login from the
 * environment or a file, and {@code listingTokenKeys} from the environment or a file; none of these secrets is read
 * from config.json.
 */
class FleetSecretsBindingTest {
    static final String TABLES = "\"tableMapping\": {\"t\": \"s3://b/t\"}";
    static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dir;

    private ProxyConfig load(String json, Map<String, String> env) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigBinder(dir).bind(new ConfigSource().load(file, true, env), warning -> { });
    }

    private ConfigException failure(String json, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(json, env));
    }

    @Test
    void postgresqlUriWithLoginFromTheEnvironment() throws IOException {
        ProxyConfig config = load("{" + TABLES + ", \"database\": \"postgresql://db.internal:5432/proxy\"}",
                Map.of("PROXY_DATABASE_USER", "proxy", "PROXY_DATABASE_PASSWORD", "s3cr3t"));
        assertTrue(config.database().postgres());
        assertEquals("jdbc:postgresql://db.internal:5432/proxy", config.database().jdbcUrl());
        assertEquals(Optional.of("proxy"), config.database().user());
        assertEquals("s3cr3t", config.database().password().orElseThrow().reveal());
        assertFalse(config.database().toString().contains("s3cr3t"), "masked when printed");
        assertEquals("jdbc:postgresql://h/db?sslmode=require", load("{" + TABLES
                + ", \"database\": {\"uri\": \"jdbc:postgresql://h/db?sslmode=require\"}}", Map.of())
                .database().jdbcUrl());
    }

    @Test
    void passwordFileResolvesAgainstTheConfigFolder() throws IOException {
        Files.writeString(dir.resolve("pg.password"), "from-a-file\n");
        ProxyConfig config = load("{" + TABLES + ", \"database\": {\"uri\": \"postgresql://h/db\", \"user\": \"proxy\","
                + " \"passwordFile\": \"pg.password\"}}", Map.of());
        assertEquals("from-a-file", config.database().password().orElseThrow().reveal());
        assertEquals("database.passwordFile", failure("{" + TABLES + ", \"database\": {\"uri\": \"postgresql://h/db\","
                + " \"passwordFile\": \"pg.password\"}}", Map.of("PROXY_DATABASE_PASSWORD", "x")).key());
    }

    @Test
    void credentialsInTheUriOrPasswordInConfigJsonAreRefusedWithoutShowingThem() {
        for (String uri : List.of("postgresql://proxy:hunter2@h/db", "postgresql://proxy@h/db",
                "jdbc:postgresql://h/db?user=proxy&password=hunter2", "postgresql://h/db?sslmode=require&PASSWORD=x")) {
            ConfigException e = failure("{" + TABLES + ", \"database\": \"" + uri + "\"}", Map.of());
            assertEquals("database.uri", e.key(), uri);
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
        ConfigException inJson = failure("{" + TABLES + ", \"database\": {\"uri\": \"postgresql://h/db\","
                + " \"password\": \"hunter2\"}}", Map.of());
        assertEquals("database.password", inJson.key());
        assertTrue(inJson.getMessage().contains("PROXY_DATABASE_PASSWORD"), inJson.getMessage());
        assertFalse(inJson.getMessage().contains("hunter2"), inJson.getMessage());
        assertEquals("database.user", failure("{" + TABLES + ", \"database\": {\"uri\": \"sqlite:/x.db\","
                + " \"user\": \"u\"}}", Map.of()).key(), "a login means nothing to SQLite");
    }

    @Test
    void listingTokenKeysFromTheEnvironmentOrAFile() throws IOException {
        assertEquals(List.of(), load("{" + TABLES + "}", Map.of()).listingTokenKeys());
        assertEquals(List.of(KEY_2, KEY_1), reveal(load("{" + TABLES + "}",
                Map.of("PROXY_LISTING_TOKEN_KEYS", KEY_2 + "," + KEY_1))));
        assertEquals(List.of(KEY_1), reveal(load("{" + TABLES + "}",
                Map.of("PROXY_LISTING_TOKEN_KEYS", "[\"" + KEY_1 + "\"]"))));
        Files.writeString(dir.resolve("listing.keys"), "# current first\n" + KEY_1 + "\n\n" + KEY_2 + "\n");
        assertEquals(List.of(KEY_1, KEY_2), reveal(load("{" + TABLES + ", \"listingTokenKeysFile\": \"listing.keys\"}",
                Map.of())));
    }

    @Test
    void badListingTokenKeysAreRefusedWithoutShowingThem() {
        ConfigException inJson = failure("{" + TABLES + ", \"listingTokenKeys\": [\"" + KEY_1 + "\"]}", Map.of());
        assertEquals("listingTokenKeys", inJson.key());
        assertFalse(inJson.getMessage().contains(KEY_1), inJson.getMessage());
        ConfigException shortKey = failure("{" + TABLES + "}", Map.of("PROXY_LISTING_TOKEN_KEYS",
                KEY_1 + " c2hvcnQta2V5"));
        assertEquals("listingTokenKeys[1]", shortKey.key());
        assertFalse(shortKey.getMessage().contains("c2hvcnQta2V5"), shortKey.getMessage());
        assertEquals("listingTokenKeys[1]", failure("{" + TABLES + "}", Map.of("PROXY_LISTING_TOKEN_KEYS",
                KEY_1 + "," + KEY_1)).key(), "a repeated key");
    }

    private static List<String> reveal(ProxyConfig config) {
        return config.listingTokenKeys().stream().map(Secret::reveal).toList();
    }
}
