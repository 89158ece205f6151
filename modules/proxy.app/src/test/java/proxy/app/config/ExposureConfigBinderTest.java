package proxy.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.ConfigException;
import proxy.api.config.ConnectionLimits;
import proxy.api.config.MetricsExposure;
import proxy.api.config.ProxyConfig;

/** The keys of the metrics exposure and the connection limits. */
class ExposureConfigBinderTest {
    private static final String TABLES = "\"tableMapping\": {\"t\": \"s3://b/t\"}";

    @TempDir
    Path dir;

    private ProxyConfig load(String members, Map<String, String> env) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{" + TABLES + members + "}");
        return new ConfigBinder(dir).bind(new ConfigSource().read(file, true, env));
    }

    @Test
    void defaultsKeepMetricsOnLoopbackWithTableLabelsAndBoundConnections() throws IOException {
        ProxyConfig config = load(", \"bindAddress\": \"0.0.0.0\"", Map.of());
        assertEquals(new MetricsExposure("127.0.0.1", true), config.metrics().exposure());
        assertEquals(new ConnectionLimits(256, 5, 4096), config.server().connections());
    }

    @Test
    void keysBindFromFileAndEnvironment() throws IOException {
        ProxyConfig config = load(", \"metricsBindAddress\": \"0.0.0.0\", \"metricsTableLabel\": false,"
                + " \"connections\": {\"maxPerAddress\": 32, \"firstByteTimeoutSeconds\": 3}", Map.of(
                "PROXY_CONNECTIONS__MAX", "1000"));
        assertEquals(new MetricsExposure("0.0.0.0", false), config.metrics().exposure());
        assertEquals(new ConnectionLimits(32, 3, 1000), config.server().connections());
    }

    @Test
    void guardIsOnByDefaultAndCanBeTurnedOff() throws IOException {
        assertTrue(load("", Map.of()).server().connections().guard());
        assertFalse(load(", \"connections\": {\"guard\": false}", Map.of()).server().connections().guard());
        assertFalse(load("", Map.of("PROXY_CONNECTIONS__GUARD", "false")).server().connections().guard());
    }

    @Test
    void badValuesFailNamingTheKey() {
        for (var c : Map.of(
                ", \"connections\": {\"maxPerAddress\": 0}", "connections.maxPerAddress",
                ", \"connections\": {\"firstByteTimeoutSeconds\": 0}", "connections.firstByteTimeoutSeconds",
                ", \"connections\": {\"max\": -1}", "connections.max",
                ", \"connections\": {\"guard\": \"off\"}", "connections.guard",
                ", \"connections\": {\"bogus\": 1}", "connections.bogus",
                ", \"metricsTableLabel\": \"no\"", "metricsTableLabel",
                ", \"metricsBindAddress\": \"\"", "metricsBindAddress").entrySet()) {
            var e = assertThrows(ConfigException.class, () -> load(c.getKey(), Map.of()), c.getKey());
            assertEquals(c.getValue(), e.key(), c.getKey());
        }
    }
}
