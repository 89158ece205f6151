package proxy.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.api.config.TlsConfig;

/** The {@code tls} keys: paths relative to config.json's folder, the keystore password from env or a file. */
class TlsConfigBindingTest {
    private static final String TABLES = "\"tableMapping\": {\"t\": \"s3://b/t\"}";

    @TempDir
    Path dir;

    private ProxyConfig load(String json, Map<String, String> env) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigBinder(dir).bind(new ConfigSource().read(file, true, env));
    }

    private ConfigException failure(String json) {
        return assertThrows(ConfigException.class, () -> load(json, Map.of()));
    }

    @Test
    void noTlsKeyMeansPlainHttp() throws IOException {
        assertEquals(Optional.empty(), load("{" + TABLES + "}", Map.of()).server().tls());
    }

    @Test
    void pemPathsResolveAgainstTheConfigFolderWithDefaults() throws IOException {
        TlsConfig tls = load("{" + TABLES + ", \"tls\": {\"certificate\": \"tls/server.crt\","
                + " \"privateKey\": \"/etc/keys/server.key\"}}", Map.of()).server().tls().orElseThrow();
        assertEquals(dir.resolve("tls/server.crt").toAbsolutePath(), tls.certificate().orElseThrow());
        assertEquals(Path.of("/etc/keys/server.key"), tls.privateKey().orElseThrow());
        assertEquals(TlsConfig.DEFAULT_RELOAD_SECONDS, tls.reloadSeconds());
        assertFalse(tls.metrics());
    }

    @Test
    void keystorePasswordComesFromTheEnvironmentMasked() throws IOException {
        TlsConfig tls = load("{" + TABLES + ", \"tls\": {\"keystore\": \"server.p12\", \"metrics\": true,"
                + " \"reloadSeconds\": 0}}", Map.of("PROXY_TLS__KEYSTORE_PASSWORD", "pa55")).server().tls().orElseThrow();
        assertEquals("pa55", tls.keystorePassword().orElseThrow().reveal());
        assertFalse(tls.toString().contains("pa55"), tls.toString());
        assertTrue(tls.metrics());
        assertEquals(0, tls.reloadSeconds());
    }

    @Test
    void keystorePasswordFileIsReadWithoutItsLineBreak() throws IOException {
        Files.writeString(dir.resolve("p12.pass"), "from-file\n");
        TlsConfig tls = load("{" + TABLES + ", \"tls\": {\"keystore\": \"server.p12\","
                + " \"keystorePasswordFile\": \"p12.pass\"}}", Map.of()).server().tls().orElseThrow();
        assertEquals("from-file", tls.keystorePassword().orElseThrow().reveal());
    }

    @Test
    void inconsistentTlsKeysAreRefusedNamingTheKey() {
        assertEquals("tls.privateKey: is required with tls.certificate",
                failure("{" + TABLES + ", \"tls\": {\"certificate\": \"a.crt\"}}").getMessage());
        assertTrue(failure("{" + TABLES + ", \"tls\": {\"keystore\": \"a.p12\", \"certificate\": \"a.crt\"}}")
                .getMessage().startsWith("tls.keystore: "));
        assertEquals("tls.keystorePassword: applies only to tls.keystore", failure("{" + TABLES
                + ", \"tls\": {\"certificate\": \"a\", \"privateKey\": \"b\", \"keystorePassword\": \"x\"}}")
                .getMessage());
        assertEquals("tls.certificate: is required (or tls.keystore)",
                failure("{" + TABLES + ", \"tls\": {}}").getMessage());
        assertEquals("tls.reloadSeconds: must be between 0 and 86400", failure("{" + TABLES
                + ", \"tls\": {\"keystore\": \"a\", \"reloadSeconds\": -1}}").getMessage());
        assertEquals("tls.certfile: unknown key", failure("{" + TABLES + ", \"tls\": {\"certfile\": \"a\"}}")
                .getMessage());
        assertTrue(failure("{" + TABLES + ", \"tls\": {\"keystore\": \"a\", \"keystorePasswordFile\": \"absent\"}}")
                .getMessage().startsWith("tls.keystorePasswordFile: cannot read "));
    }
}
