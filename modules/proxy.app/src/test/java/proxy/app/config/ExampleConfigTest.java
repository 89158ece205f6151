package proxy.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proxy.api.config.ProxyConfig;
import proxy.testkit.ProjectPaths;

/** The production example shipped in the tarball (examples/config.production.json) is a valid configuration. */
class ExampleConfigTest {
    @Test
    void theProductionExampleBindsWithTlsAndTheDatabase() {
        Path file = ProjectPaths.root().resolve("jlink/examples/config.production.json");

        ProxyConfig config = new ConfigBinder(file.getParent()).bind(new ConfigSource().read(file, true, Map.of()));

        assertEquals("0.0.0.0", config.server().bindAddress());
        assertTrue(config.access().databaseEnabled());
        assertTrue(config.access().users().isEmpty(), "no secret in the example");
        assertEquals(file.getParent().resolve("tls/server.crt"), config.server().tls().orElseThrow().certificate().orElseThrow());
        assertTrue(config.tables().mapping().values().stream().allMatch(uri -> uri.getScheme().equals("s3")));
    }
}
