package proxy.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import proxy.api.config.ProxyConfig;
import proxy.testkit.ProjectPaths;

/**
 * The config.json of the Kubernetes ConfigMap (deploy/configmap.yaml) binds as {@code serve} binds it, with the
 * files the Deployment mounts from the Secrets: a misspelt key there would stop every pod (the schema validation
 * of scripts/check-deploy sees only an opaque string).
 */
class DeployConfigMapTest {
    private static final String MOUNTS = "/etc/delta-s3-proxy/";

    @TempDir
    Path dir;

    @Test
    void theConfigMapsConfigBindsWithTheMountedSecrets() throws IOException {
        String json = configJson(ProjectPaths.root().resolve("deploy/configmap.yaml"))
                .replace(MOUNTS, dir.toString() + "/");
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        write("database/password", "pg-password\n");
        write("database/secrets-key", key + "\n");
        write("listing/keys", key + "\n");
        Path file = write("config.json", json);

        ProxyConfig config = new ConfigBinder(dir).bind(
                new ConfigSource().load(file, true, Map.of("PROXY_DATABASE_USER", "delta_proxy")), warning -> { });

        assertTrue(config.access().database().postgres());
        assertEquals(Optional.of("delta_proxy"), config.access().database().user());
        assertEquals("pg-password", config.access().database().password().orElseThrow().reveal());
        assertEquals(1, config.server().listingTokenKeys().size());
        assertTrue(config.access().databaseEnabled());
        assertEquals("0.0.0.0", config.server().bindAddress());
        assertEquals(dir.resolve("tls/tls.crt"), config.server().tls().orElseThrow().certificate().orElseThrow());
    }

    /** The block scalar under {@code config.json: |}: its lines, less their indentation. */
    private static String configJson(Path configMap) throws IOException {
        List<String> lines = Files.readAllLines(configMap);
        int start = lines.indexOf("  config.json: |") + 1;
        assertTrue(start > 0, "no config.json block in " + configMap);
        StringBuilder json = new StringBuilder();
        for (String line : lines.subList(start, lines.size())) {
            if (!line.isBlank() && !line.startsWith("    ")) {
                break;
            }
            json.append(line.length() >= 4 ? line.substring(4) : "").append('\n');
        }
        return json.toString();
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
